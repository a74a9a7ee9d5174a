import { describe, expect, it } from 'vitest';
import type { ActionExecutor, ActionRequest } from '../src/contract/ActionExecutor.js';
import { defineAdapter } from '../src/contract/defineAdapter.js';
import type { EventInput } from '../src/events/NormalizedEvent.js';
import { compileRuleSources, RuleCatalog } from '../src/index.js';
import { Runtime } from '../src/runtime/Runtime.js';
import { MemoryStateBackend } from '../src/state/MemoryStateBackend.js';

/** An adapter whose actions declare their delivery; never started (its actions go to the test's executors). */
const pbx = defineAdapter({
  name: 'pbx',
  packageName: 'pbx (test)',
  version: '1.0.0',
  core: '^1.0.0',
  description: 'delivery test stand-in',
  optionsSchema: { type: 'object' },
  emits: { events: ['call.offered', 'call.answered', 'call.ended'] },
  actions: {
    pop: {
      description: 'once per call and agent',
      delivery: { mode: 'once', per: 'call', target: 'agent' },
      params: { type: 'object', properties: { agent: { type: 'string' } } },
    },
    keyedPop: {
      description: 'once per call, sent again with its key when unconfirmed',
      delivery: { mode: 'once-keyed', per: 'call' },
      params: { type: 'object' },
    },
    note: { description: 'once per event (the default)', params: { type: 'object' } },
  },
  runtime: class {
    async start() {}
    async stop() {}
  },
  executors: {
    pop: () => ({ execute: () => 1 }),
    keyedPop: () => ({ execute: () => 1 }),
    note: () => ({ execute: () => 1 }),
  },
});

/** Executors that record what they were asked, and hang when told (an action cut off by a crash). */
class Sink {
  readonly sent: { action: string; call?: string; key?: string; recovered: boolean }[] = [];
  hang = false;
  executors(): ActionExecutor[] {
    return ['pop', 'keyedPop', 'note'].map((action) => ({
      action,
      execute: (request: ActionRequest) => {
        this.sent.push({
          action,
          ...(request.event.call ? { call: request.event.call.id } : {}),
          ...(request.idempotencyKey ? { key: request.idempotencyKey } : {}),
          recovered: request.recovered === true,
        });
        return this.hang ? new Promise(() => undefined) : { ok: true };
      },
    }));
  }
}

const loaded = compileRuleSources(
  [
    {
      file: 'rules.yaml',
      text: `rules:
  - name: pop-on-offer
    on: call.offered
    do:
      - pop: { agent: "{{ call.agent }}" }
  - name: keyed-on-answer
    on: call.answered
    do:
      - keyedPop: {}
`,
    },
  ],
  { catalog: new RuleCatalog([{ name: 'pbx', manifest: pbx }]), env: {} },
);
if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.format()).join('\n'));
const rules = loaded.ruleSet;

function runtimeOn(state: MemoryStateBackend, sink: Sink): Runtime {
  return new Runtime({
    instances: [{ name: 'pbx', manifest: pbx, options: {} }],
    rules,
    executorsFor: () => sink.executors(),
    server: { host: '127.0.0.1', port: 0 },
    state,
  });
}

const offered = (id: string, call: string, agent = 'a1'): EventInput => ({
  id,
  type: 'call.offered',
  call: { id: call, agent },
});

describe('delivery semantics with durable state', () => {
  it('a call recovered with a new event id pops once per agent; another agent still gets its pop', async () => {
    const sink = new Sink();
    const runtime = runtimeOn(new MemoryStateBackend(undefined, { durable: true }), sink);
    await runtime.start();
    await runtime.publish(offered('e1', 'c1'), 'pbx');
    const again = await runtime.publish(offered('e1-recovered', 'c1'), 'pbx');
    expect(again.outcomes[0]).toMatchObject({ status: 'ok', result: { skipped: 'already-done' } });
    await runtime.publish(offered('e2', 'c1', 'a2'), 'pbx');
    expect(sink.sent.map((s) => `${s.call}`)).toEqual(['c1', 'c1']);
    await runtime.stop(100);
  });

  it('a once action a crash cut off is reported SWB_ACTION_UNCONFIRMED, not sent again; the event id and its resume point survive', async () => {
    const state = new MemoryStateBackend(undefined, { durable: true });
    const crashed = new Sink();
    crashed.hang = true;
    const first = runtimeOn(state, crashed);
    await first.start();
    const [acceptance] = await first.dispatcher.accept([offered('e1', 'c1')], 'pbx', {
      resume: { key: 'mark', value: 7 },
    });
    expect(acceptance?.status).toBe('accepted');
    expect(await state.namespace('pbx').get('a/mark')).toBe(7);
    // The crash: the first runtime is abandoned with its pop hanging (its marker says `started`)…
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(crashed.sent).toHaveLength(1);
    // …and as it never confirmed, the policy of `pop` (`once`) says: report, do not send again.
    const sink = new Sink();
    const second = runtimeOn(state, sink);
    const failed: unknown[] = [];
    second.diagnostics.subscribe((d) => {
      if (d.kind === 'action' && d.outcome.status === 'failed') failed.push(d.outcome.errorCode);
    });
    await second.start();
    await second.drain(2000);
    expect(sink.sent).toEqual([]);
    expect(failed).toEqual(['SWB_ACTION_UNCONFIRMED']);
    // The same vendor event again (a replay): a duplicate, the ledger remembers it across the restart.
    expect((await second.publish(offered('e1', 'c1'), 'pbx')).status).toBe('duplicate');
    await second.stop(100);
  });

  it('a once-keyed action cut off by a crash is sent again after it, with the same key', async () => {
    const state = new MemoryStateBackend(undefined, { durable: true });
    const crashed = new Sink();
    crashed.hang = true;
    const first = runtimeOn(state, crashed);
    await first.start();
    await first.dispatcher.accept([{ id: 'a1', type: 'call.answered', call: { id: 'c9' } }], 'pbx');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const sink = new Sink();
    const second = runtimeOn(state, sink);
    await second.start();
    await second.drain(2000);
    expect(sink.sent).toEqual([
      { action: 'keyedPop', call: 'c9', key: crashed.sent[0]?.key, recovered: true },
    ]);
    await second.stop(100);
  });

  it('a stop past the drain leaves the cut-off event pending; events arriving while it stops run after the restart', async () => {
    const state = new MemoryStateBackend(undefined, { durable: true });
    const slow = new Sink();
    slow.hang = true;
    const first = runtimeOn(state, slow);
    await first.start();
    void first.publish(offered('e1', 'c1'), 'pbx');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const stopping = first.stop(50);
    const late = await first.publish(offered('e2', 'c2'), 'pbx');
    expect(late.status).toBe('deferred');
    expect((await stopping).unfinished).toBe(1);
    expect(slow.sent.map((s) => s.call)).toEqual(['c1']);

    const sink = new Sink();
    const second = runtimeOn(state, sink);
    await second.start();
    await second.drain(2000);
    // e1's pop was cut off by the stop (its marker stays `started` from run 1): `once` reports it; e2 runs.
    expect(sink.sent.map((s) => s.call)).toEqual(['c2']);
    await second.stop(100);
  });

  it('without a durable backend nothing is journaled and a once-per-event action has no markers', async () => {
    const state = new MemoryStateBackend();
    const sink = new Sink();
    const runtime = runtimeOn(state, sink);
    await runtime.start();
    await runtime.publish(offered('e1', 'c1'), 'pbx');
    const keys: string[] = [];
    for await (const [key] of state.namespace('pbx').scan('')) keys.push(key);
    expect(keys).toEqual([]);
    await runtime.stop(100);
  });
});
