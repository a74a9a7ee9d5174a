import { describe, expect, test } from 'vitest';
import { codeOf } from '../src/errors/index.js';
import {
  type ActionExecutor,
  type ActionRequest,
  AdapterContext,
  type AdapterRuntime,
  compileRuleSources,
  type DispatchReport,
  defineAdapter,
  defineErrorCodes,
  type InstanceContext,
  inject,
  injectable,
  type OptionsOf,
  type ParamsOf,
  RuleCatalog,
  Runtime,
  validateManifest,
} from '../src/index.js';

const optionsSchema = {
  type: 'object',
  properties: { greeting: { type: 'string', default: 'hello' } },
  additionalProperties: false,
} as const;
type Options = OptionsOf<typeof optionsSchema>;

const actions = {
  greet: {
    description: 'greets',
    params: {
      type: 'object',
      required: ['who'],
      properties: { who: { type: 'string' } },
      additionalProperties: false,
    },
  },
  fail: { description: 'fails', params: { type: 'object', properties: { code: { type: 'string' } } } },
} as const;

const acmeErrors = defineErrorCodes('ACME', { ACME_BROKEN: 'The thing broke.' });

/** A service each instance gets its own of. */
@injectable()
class Counter {
  count = 0;
}

@injectable()
class AcmeRuntime implements AdapterRuntime {
  constructor(
    @inject(AdapterContext) readonly ctx: InstanceContext<Options>,
    @inject(Counter) readonly counter: Counter,
  ) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

@injectable()
class GreetExecutor implements ActionExecutor<ParamsOf<(typeof actions)['greet']>> {
  constructor(
    @inject(AdapterContext) private readonly ctx: InstanceContext<Options>,
    @inject(Counter) private readonly counter: Counter,
  ) {}
  execute(request: ActionRequest<ParamsOf<(typeof actions)['greet']>>): string {
    this.counter.count += 1;
    return `${this.ctx.options.greeting} ${request.params.who} from ${this.ctx.instance}`;
  }
}

const acme = defineAdapter({
  name: 'acme',
  packageName: 'acme-adapter',
  version: '1.0.0',
  core: '^1.0.0',
  description: 'test',
  optionsSchema,
  emits: { events: ['call.offered'] },
  actions,
  errors: acmeErrors,
  runtime: AcmeRuntime,
  services: [Counter],
  executors: {
    greet: GreetExecutor,
    // A factory: the container hands over what it needs.
    fail: (resolve) => ({
      execute: (request) => {
        resolve(Counter).count += 100;
        const code = (request.params as { code?: string }).code ?? 'ACME_BROKEN';
        throw Object.assign(new Error(`failed with ${code}`), { code });
      },
    }),
  },
});

const rules = `rules:
  - name: greet
    on: call.offered
    do:
      - greet: { who: "{{ call.caller }}" }
        save: greeting
      - fail: { code: "{{ vars.code }}" }
`;

function runtimeWith(instances: { name: string; options: object }[]): Runtime {
  const configs = instances.map((i) => ({ ...i, manifest: acme }));
  const loaded = compileRuleSources([{ file: 'r.yaml', text: rules }], {
    catalog: new RuleCatalog(configs),
    env: {},
  });
  if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.format()).join('\n'));
  return new Runtime({ instances: configs, rules: loaded.ruleSet });
}

const offer = (id: string, code: string) => ({
  id,
  type: 'call.offered' as const,
  call: { id, caller: '1003' },
  vars: { code },
});

describe('a manifest with runtime, services and executors', () => {
  test('the container builds them per instance, with the typed context; executors by action name', async () => {
    const runtime = runtimeWith([
      { name: 'one', options: {} },
      { name: 'two', options: { greeting: 'hi' } },
    ]);
    const one: DispatchReport = await runtime.publish(offer('c1', 'ACME_BROKEN'), 'one');
    const two: DispatchReport = await runtime.publish(offer('c2', 'ACME_BROKEN'), 'two');
    expect(one.outcomes[0]?.result).toBe('hello 1003 from one');
    expect(two.outcomes[0]?.result).toBe('hi 1003 from two');
  });

  test('a registered plugin code is kept in the outcome, action.failed and the metric; others become SWB_ACTION_FAILED', async () => {
    const runtime = runtimeWith([{ name: 'one', options: {} }]);
    const failed: unknown[] = [];
    runtime.diagnostics.subscribe((d) => {
      if (d.kind === 'event' && d.event.type === 'action.failed') failed.push(d.event.vars.failure);
    });
    const known = await runtime.publish(offer('c1', 'ACME_BROKEN'), 'one');
    const unknown = await runtime.publish(offer('c2', 'ECONNRESET'), 'one');
    expect(known.outcomes[1]).toMatchObject({ status: 'failed', errorCode: 'ACME_BROKEN' });
    expect(unknown.outcomes[1]).toMatchObject({ status: 'failed', errorCode: 'SWB_ACTION_FAILED' });
    await runtime.drain(1000);
    expect(failed).toMatchObject([{ code: 'ACME_BROKEN' }, { code: 'SWB_ACTION_FAILED' }]);
    const metric = await runtime.metrics.actionErrors.get();
    expect(metric.values.map((v) => [v.labels.code, v.value])).toEqual([
      ['ACME_BROKEN', 1],
      ['SWB_ACTION_FAILED', 1],
    ]);
  });

  test('codeOf keeps only registered codes', () => {
    const registered = new Set(['ACME_BROKEN', 'SWB_HTTP_STATUS']);
    expect(codeOf(acmeErrors.error('ACME_BROKEN', 'x'), registered)).toBe('ACME_BROKEN');
    expect(codeOf({ code: 'SWB_HTTP_STATUS' }, registered)).toBe('SWB_HTTP_STATUS');
    expect(codeOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), registered)).toBe(
      'SWB_ACTION_FAILED',
    );
    expect(codeOf('a string', registered)).toBe('SWB_ACTION_FAILED');
  });
});

describe('validateManifest on the definition shape', () => {
  const check = (patch: Record<string, unknown>) => () =>
    validateManifest({ ...acme, ...patch }, 'acme-adapter');

  test('needs an executor for every action and no executor for an unknown one', () => {
    expect(check({})).not.toThrow();
    expect(check({ executors: { greet: GreetExecutor } })).toThrow(/no executor for action\(s\) fail/);
    expect(check({ executors: { ...acme.executors, wave: GreetExecutor } })).toThrow(
      /wave that `actions` does not declare/,
    );
    expect(check({ runtime: undefined })).toThrow(/`runtime` must be the class/);
  });

  test('an error catalog must be the adapter`s own prefix, never SWB', () => {
    expect(check({ errors: { prefix: 'SWB', codes: { SWB_X: 'x' } } })).toThrow(/not SWB/);
    expect(check({ errors: { prefix: 'ACME', codes: { OTHER_X: 'x' } } })).toThrow(
      /OTHER_X do not start with `ACME_`/,
    );
    expect(() => defineErrorCodes('acme', {})).toThrow(/error prefix `acme`/);
  });

  test('two adapters may not share a prefix', () => {
    const other = { ...acme, packageName: 'other-adapter', name: 'other' };
    expect(
      () =>
        new Runtime({
          instances: [
            { name: 'a', manifest: acme, options: {} },
            { name: 'b', manifest: other, options: {} },
          ],
        }),
    ).toThrow(/both use the error prefix `ACME`/);
  });
});
