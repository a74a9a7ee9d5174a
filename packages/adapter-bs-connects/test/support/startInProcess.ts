import { randomBytes } from 'node:crypto';
import type { EventInput } from '@switchboard/core';
import {
  compileRuleSources,
  type Diagnostic,
  RuleCatalog,
  Runtime,
  type StateBackend,
} from '@switchboard/core/host';
import { bsConnectsAdapter } from '../../src/index.js';

/** The Dynamics host the in-process instance allows (`origins`): Node bridges send it as their Origin. */
export const dynamicsOrigin = 'https://contoso.crm4.dynamics.com';

export interface InProcess {
  readonly runtime: Runtime;
  readonly address: string;
  readonly key: string;
  readonly diagnostics: Diagnostic[];
  publish(event: EventInput): ReturnType<Runtime['publish']>;
  stop(): Promise<void>;
}

/** The adapter in a core `Runtime` in this process (no daemon), with rules from YAML text. */
export async function startInProcess(
  rules: string,
  options: Record<string, unknown> = {},
  state?: StateBackend,
): Promise<InProcess> {
  const key = randomBytes(16).toString('hex');
  const instances = [
    {
      name: 'bs',
      manifest: bsConnectsAdapter,
      options: { key, origins: [dynamicsOrigin], ...options },
    },
  ];
  const catalog = new RuleCatalog(instances.map((i) => ({ name: i.name, manifest: i.manifest })));
  const loaded = compileRuleSources([{ file: 'rules.yaml', text: rules }], { catalog });
  if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.format()).join('\n'));
  const runtime = new Runtime({
    instances,
    rules: loaded.ruleSet,
    server: { host: '127.0.0.1', port: 0 },
    ...(state ? { state } : {}),
  });
  const diagnostics: Diagnostic[] = [];
  runtime.diagnostics.subscribe((d) => void diagnostics.push(d));
  await runtime.start();
  const address = runtime.http.address;
  if (!address) throw new Error('the HTTP surface did not listen');
  return {
    runtime,
    address,
    key,
    diagnostics,
    publish: (event) => runtime.publish(event, 'bs'),
    stop: async () => {
      await runtime.stop(200);
    },
  };
}
