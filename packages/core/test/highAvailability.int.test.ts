import { inject, injectable } from 'inversify';
import { afterEach, describe, expect, test } from 'vitest';
import { TestLeaseBroker } from '../src/connections/TestLeaseBroker.js';
import type { ActionRequest } from '../src/contract/ActionExecutor.js';
import type { ClientSession, SessionEnd } from '../src/contract/ClientConnection.js';
import { defineAdapter } from '../src/contract/defineAdapter.js';
import { AdapterContext, type InstanceContext } from '../src/contract/InstanceContext.js';
import type { StateBatchResult, StateFence, StateOp } from '../src/contract/StateStore.js';
import type { EventInput, NormalizedEvent } from '../src/events/NormalizedEvent.js';
import { compileRuleSources, RuleCatalog } from '../src/index.js';
import { HealthSignal } from '../src/observe/HealthSignal.js';
import { ManualClock, systemClock } from '../src/runtime/Clock.js';
import { Runtime } from '../src/runtime/Runtime.js';
import { MemoryStateBackend } from '../src/state/MemoryStateBackend.js';
import type { StateBackend } from '../src/state/StateBackend.js';

/**
 * A vendor feed that sends every event to every connected client (as xCALLY's realtime socket does), and
 * counts who is connected. A node can be frozen: it hears nothing more, as a process that died.
 */
class Feed {
  readonly clients = new Map<string, Set<(event: EventInput) => void>>();
  readonly frozen = new Set<string>();
  connects = 0;

  connected(node: string): number {
    return this.clients.get(node)?.size ?? 0;
  }

  send(event: EventInput): void {
    for (const [node, listeners] of this.clients) {
      if (this.frozen.has(node)) continue;
      for (const listener of listeners) listener(event);
    }
  }
}

class FeedSession implements ClientSession {
  readonly ended: Promise<SessionEnd>;
  #end!: (end: SessionEnd) => void;
  constructor(readonly detach: () => void) {
    this.ended = new Promise((resolve) => {
      this.#end = resolve;
    });
  }
  async close(): Promise<void> {
    this.detach();
    this.#end({ kind: 'ended', reason: 'closed', next: 'backoff' });
  }
}

interface FeedOptions {
  readonly node: string;
  /** `none`: no connection (as a web service or bridge instance, which runs on every node). */
  readonly standby: 'cold' | 'warm' | 'none';
}

const feeds = new Map<string, Feed>();
/** What each node's `pop` executor sent: node and call id. */
const pops: { node: string; call: string }[] = [];
/** Calls whose pop hangs on a node (cut off by the node's death), and those that started hanging. */
const hangs = new Set<string>();
const hung: string[] = [];

@injectable()
class FeedRuntime {
  constructor(@inject(AdapterContext) private readonly ctx: InstanceContext<FeedOptions>) {}
  async start(): Promise<void> {
    const { node, standby } = this.ctx.options;
    if (standby === 'none') return;
    const feed = feeds.get('feed') as Feed;
    this.ctx.connections.run<FeedSession>({
      target: 'feed at test://pbx',
      standby,
      backoff: { initialMs: 5, maxMs: 20, jitter: 0 },
      connect: async (_signal, attempt) => {
        feed.connects += 1;
        const listeners = feed.clients.get(node) ?? new Set();
        feed.clients.set(node, listeners);
        const listener = (event: EventInput): void => {
          attempt.events.accept(event).catch(() => undefined);
        };
        listeners.add(listener);
        return new FeedSession(() => listeners.delete(listener));
      },
    });
  }
  async stop(): Promise<void> {}
}

const feedAdapter = defineAdapter({
  name: 'feed',
  packageName: 'feed (test)',
  version: '1.0.0',
  core: '^1.0.0',
  description: 'a client connection to a test feed',
  optionsSchema: {
    type: 'object',
    properties: { node: { type: 'string' }, standby: { enum: ['cold', 'warm', 'none'] } },
  },
  emits: { events: ['call.offered'] },
  actions: {
    pop: {
      description: 'once per call',
      delivery: { mode: 'once', per: 'call' },
      params: { type: 'object', properties: { mode: { type: 'string' } } },
    },
  },
  runtime: FeedRuntime,
  executors: {
    pop: (resolve) => {
      const ctx = resolve(AdapterContext) as unknown as InstanceContext<FeedOptions>;
      return {
        execute: (request: ActionRequest<{ mode?: string }>) => {
          if (request.params.mode === 'fail') throw new Error('the CRM refused');
          const key = `${ctx.options.node} ${request.event.call?.id}`;
          if (hangs.has(key)) {
            hung.push(key);
            return new Promise(() => undefined);
          }
          pops.push({ node: ctx.options.node, call: request.event.call?.id ?? '' });
          return { ok: true };
        },
      };
    },
  },
});

const loaded = compileRuleSources(
  [
    {
      file: 'rules.yaml',
      text: `rules:
  - name: pop
    on: call.offered
    do:
      - pop: { mode: "{{ vars.mode }}" }
`,
    },
  ],
  { catalog: new RuleCatalog([{ name: 'pbx', manifest: feedAdapter }]), env: {} },
);
if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.format()).join('\n'));
const rules = loaded.ruleSet;

const resource = 'pbx/main';
const running: Runtime[] = [];

function node(
  name: string,
  state: StateBackend | ((node: string) => StateBackend),
  broker: TestLeaseBroker,
  standby: 'cold' | 'warm' | 'none',
  clock = systemClock,
): Runtime {
  const runtime = new Runtime({
    instances: [{ name: 'pbx', manifest: feedAdapter, options: { node: name, standby } }],
    rules,
    state: typeof state === 'function' ? state(name) : state,
    clock,
    node: name,
    leases: broker.node(name),
    cluster: { warmWindowMs: 10_000 },
  });
  running.push(runtime);
  return runtime;
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const offered = (n: number, vars: Record<string, unknown> = {}): EventInput => ({
  id: `e${n}`,
  type: 'call.offered',
  call: { id: `c${n}` },
  vars,
});

/** Calls popped more than once, and calls in `1..n` never popped. */
function tally(n: number): { lost: string[]; doubled: string[] } {
  const counts = new Map<string, number>();
  for (const pop of pops) counts.set(pop.call, (counts.get(pop.call) ?? 0) + 1);
  const lost: string[] = [];
  for (let i = 1; i <= n; i += 1) if (!counts.has(`c${i}`)) lost.push(`c${i}`);
  const doubled = [...counts].filter(([, count]) => count > 1).map(([call]) => call);
  return { lost, doubled };
}

const roleOf = (runtime: Runtime) => runtime.instances()[0];

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop(100)));
  feeds.clear();
  pops.length = 0;
  hangs.clear();
  hung.length = 0;
});

describe('several nodes on one shared state', () => {
  test('cold standby: only the holder connects; when it stops, the standby takes over; 0 lost, 0 doubled', async () => {
    const feed = new Feed();
    feeds.set('feed', feed);
    const state = new MemoryStateBackend(undefined, { durable: true });
    const broker = new TestLeaseBroker();
    const a = node('a', state, broker, 'cold');
    const b = node('b', state, broker, 'cold');
    await a.start();
    await until(() => feed.connected('a') === 1, 'a connected');
    await b.start();
    await until(() => roleOf(b)?.status.state === 'standby', 'b standing by');
    expect(feed.connected('b')).toBe(0);
    expect(roleOf(a)).toMatchObject({ node: 'a', role: 'holder', status: { state: 'connected' } });
    expect(roleOf(b)).toMatchObject({ node: 'b', role: 'standby' });
    expect(roleOf(a)?.connections[0]?.lease).toMatchObject({ role: 'holder', standby: 'cold', fence: 1 });
    expect(roleOf(b)?.connections[0]?.lease).toMatchObject({ role: 'standby', standby: 'cold' });

    for (let i = 1; i <= 10; i += 1) feed.send(offered(i));
    await until(() => pops.length === 10, 'ten pops');
    await a.stop(1000);
    await until(() => feed.connected('b') === 1, 'b connected');
    expect(broker.holder(resource)).toBe('b');
    expect(roleOf(b)).toMatchObject({ role: 'holder', status: { state: 'connected' } });
    for (let i = 11; i <= 20; i += 1) feed.send(offered(i));
    await until(() => pops.length >= 20, 'twenty pops');
    expect(tally(20)).toEqual({ lost: [], doubled: [] });
    expect(pops.filter((p) => p.node === 'b').map((p) => p.call)).toEqual(
      Array.from({ length: 10 }, (_, i) => `c${i + 11}`),
    );
    const changes = await b.metrics.leaseChanges.get();
    expect(changes.values.find((v) => v.labels.change === 'acquired')?.value).toBe(1);
  });

  test('a lost lease closes the session at once; the node stands by and the new holder connects', async () => {
    const feed = new Feed();
    feeds.set('feed', feed);
    const state = new MemoryStateBackend(undefined, { durable: true });
    const broker = new TestLeaseBroker();
    const a = node('a', state, broker, 'cold');
    const b = node('b', state, broker, 'cold');
    const leases: string[] = [];
    a.diagnostics.subscribe(
      (d) => {
        if (d.kind === 'lease') leases.push(`${d.node} ${d.change} ${d.fence}`);
      },
      ['lease'],
    );
    await a.start();
    await b.start();
    await until(() => broker.waiting(resource).includes('b'), 'b waiting');
    broker.transfer(resource, 'b');
    await until(() => feed.connected('b') === 1, 'b connected');
    expect(feed.connected('a')).toBe(0);
    await until(() => roleOf(a)?.status.state === 'standby', 'a standing by');
    expect(leases).toEqual(['a acquired 1', 'a lost 1']);
    expect((await a.metrics.leaseHeld.get()).values[0]?.value).toBe(0);
    expect((await b.metrics.leaseHeld.get()).values[0]?.value).toBe(1);
  });

  test('warm standby: holds what it hears while the holder runs it; on takeover runs it in order, 0 lost, 0 doubled', async () => {
    const feed = new Feed();
    feeds.set('feed', feed);
    const state = new MemoryStateBackend(undefined, { durable: true });
    const broker = new TestLeaseBroker();
    const a = node('a', state, broker, 'warm');
    const b = node('b', state, broker, 'warm');
    await a.start();
    await until(() => feed.connected('a') === 1 && broker.holder(resource) === 'a', 'a holding');
    await b.start();
    await until(() => feed.connected('b') === 1, 'b listening');
    expect(roleOf(b)).toMatchObject({ role: 'standby', status: { state: 'standby' } });
    const seenByB: string[] = [];
    b.diagnostics.subscribe(
      (d) => {
        if (d.kind === 'event') seenByB.push(d.event.id);
      },
      ['event'],
    );

    for (let i = 1; i <= 20; i += 1) feed.send(offered(i));
    await until(() => pops.length === 20, 'a pops twenty');
    expect(seenByB).toEqual([]);
    // a dies: it hears nothing more; its lease runs out only later, meanwhile events reach b alone.
    feed.frozen.add('a');
    broker.revoke(resource, { pause: true });
    for (let i = 21; i <= 30; i += 1) feed.send(offered(i));
    expect((await b.metrics.eventsHeld.get()).values[0]?.value).toBe(30);
    broker.resume(resource);
    await until(() => pops.length >= 30, 'thirty pops');
    expect(tally(30)).toEqual({ lost: [], doubled: [] });
    // b ran what it held after the takeover, in the order it came: the ten a never heard.
    expect(pops.filter((p) => p.node === 'b').map((p) => p.call)).toEqual(
      Array.from({ length: 10 }, (_, i) => `c${i + 21}`),
    );
    expect(roleOf(b)).toMatchObject({ role: 'holder', status: { state: 'connected' } });
    const dup = (await b.metrics.duplicates.get()).values[0]?.value;
    expect(dup).toBe(20);
    // Live events after the takeover pass straight through.
    feed.send(offered(31));
    await until(() => pops.length === 31, 'the live event');
  });

  test('a warm standby drops what it held longer than warmWindowMs, counted', async () => {
    const feed = new Feed();
    feeds.set('feed', feed);
    const clock = new ManualClock(Date.parse('2026-12-01T10:00:00Z'));
    const state = new MemoryStateBackend(clock, { durable: true });
    const broker = new TestLeaseBroker();
    const a = node('a', state, broker, 'warm', clock);
    const b = node('b', state, broker, 'warm', clock);
    await a.start();
    await until(() => broker.holder(resource) === 'a', 'a holding');
    await b.start();
    await until(() => feed.connected('b') === 1, 'b listening');
    feed.frozen.add('a');
    for (let i = 1; i <= 5; i += 1) feed.send(offered(i));
    clock.advance(11_000);
    for (let i = 6; i <= 7; i += 1) feed.send(offered(i));
    broker.revoke(resource);
    await until(() => pops.length >= 2, 'the two young events');
    expect(pops.map((p) => p.call)).toEqual(['c6', 'c7']);
    const dropped = (await b.metrics.eventsDropped.get()).values;
    expect(dropped).toEqual([
      expect.objectContaining({ value: 5, labels: { instance: 'pbx', reason: 'warm-window' } }),
    ]);
  });

  test('the node that takes over runs what the dead holder left pending: a cut-off pop is reported, not sent twice', async () => {
    const feed = new Feed();
    feeds.set('feed', feed);
    const state = new MemoryStateBackend(undefined, { durable: true });
    const broker = new TestLeaseBroker();
    const a = node('a', state, broker, 'cold');
    const b = node('b', state, broker, 'cold');
    const failed: NormalizedEvent[] = [];
    b.diagnostics.subscribe(
      (d) => {
        if (d.kind === 'event' && d.event.type === 'action.failed') failed.push(d.event);
      },
      ['event'],
    );
    await a.start();
    await b.start();
    await until(
      () => broker.waiting(resource).includes('b') && feed.connected('a') === 1,
      'a holding, b waiting',
    );
    hangs.add('a c1');
    feed.send(offered(1));
    feed.send(offered(2));
    await until(() => pops.length === 1, "a's pop of c2");
    // a dies with c1's pop started, unconfirmed; its event stays pending in the ledger.
    feed.frozen.add('a');
    broker.revoke(resource);
    await until(() => failed.length === 1, "b's report of the cut-off pop");
    expect(failed[0]?.vars).toMatchObject({
      node: 'b',
      failure: { action: 'pop', code: 'SWB_ACTION_UNCONFIRMED' },
    });
    expect(pops).toEqual([{ node: 'a', call: 'c2' }]);
    const recovered = (await b.metrics.eventsRecovered.get()).values;
    expect(recovered).toEqual([
      expect.objectContaining({ value: 1, labels: { source: 'pbx', outcome: 'rerun' } }),
    ]);
  });

  test('a holder that lost its lease without noticing cannot commit: the fenced commit closes its session', async () => {
    const feed = new Feed();
    feeds.set('feed', feed);
    const shared = new MemoryStateBackend(undefined, { durable: true });
    const broker = new TestLeaseBroker();
    const fenced = (nodeName: string) => new FencingBackend(shared, broker, nodeName);
    const a = node('a', fenced, broker, 'warm');
    const b = node('b', fenced, broker, 'warm');
    await a.start();
    await until(() => broker.holder(resource) === 'a', 'a holding');
    await b.start();
    await until(() => feed.connected('b') === 1, 'b listening');
    feed.send(offered(1));
    await until(() => pops.length === 1, 'c1 popped by a');
    // a stalls past its TTL: b holds the lease, a has not heard yet.
    broker.revoke(resource, { silent: true });
    await until(() => roleOf(b)?.role === 'holder', 'b holding');
    feed.send(offered(2));
    await until(() => pops.length === 2, 'c2 popped');
    await until(() => roleOf(a)?.role === 'standby', 'a standing by after its refused commit');
    expect(tally(2)).toEqual({ lost: [], doubled: [] });
    expect(pops.map((p) => p.node)).toEqual(['a', 'b']);
  });

  test('an instance without a lease: what a node left pending is run by that node when it starts again, never by another', async () => {
    feeds.set('feed', new Feed());
    const state = new MemoryStateBackend(undefined, { durable: true });
    const broker = new TestLeaseBroker();
    const crashed = node('a', state, broker, 'none');
    await crashed.start();
    hangs.add('a c1');
    void crashed.publish(offered(1), 'pbx');
    await until(() => hung.includes('a c1'), 'the hanging pop');
    const other = node('b', state, broker, 'none');
    await other.start();
    expect((await other.metrics.eventsRecovered.get()).values).toEqual([]);
    const again = node('a', state, broker, 'none');
    await again.start();
    expect((await again.metrics.eventsRecovered.get()).values).toEqual([
      expect.objectContaining({ value: 1, labels: { source: 'pbx', outcome: 'rerun' } }),
    ]);
  });

  test('adapter.* and action.failed events carry the node', async () => {
    const feed = new Feed();
    feeds.set('feed', feed);
    const broker = new TestLeaseBroker();
    const a = node('a', new MemoryStateBackend(undefined, { durable: true }), broker, 'cold');
    const events: NormalizedEvent[] = [];
    a.diagnostics.subscribe(
      (d) => {
        if (d.kind === 'event') events.push(d.event);
      },
      ['event'],
    );
    await a.start();
    await until(() => events.some((e) => e.type === 'adapter.connected'), 'adapter.connected');
    feed.send(offered(1, { mode: 'fail' }));
    await until(() => events.some((e) => e.type === 'action.failed'), 'action.failed');
    expect(events.find((e) => e.type === 'adapter.connected')?.vars).toMatchObject({ node: 'a' });
    expect(events.find((e) => e.type === 'action.failed')?.vars).toMatchObject({ node: 'a' });
    const info = (await a.metrics.nodeInfo.get()).values;
    expect(info).toEqual([expect.objectContaining({ value: 1, labels: { node: 'a' } })]);
  });
});

/**
 * One node's view of a shared memory backend that checks fences as Redis' batch script does: a fenced
 * commit of a node that no longer holds the lease with that fence is refused with `SWB_STATE_FENCED`.
 */
class FencingBackend implements StateBackend {
  readonly durable = true;
  constructor(
    private readonly shared: MemoryStateBackend,
    private readonly broker: TestLeaseBroker,
    private readonly nodeName: string,
  ) {}
  open() {
    return this.shared.open();
  }
  flush() {
    return this.shared.flush();
  }
  async close() {}
  namespace(name: string) {
    const store = this.shared.namespace(name);
    const { broker, nodeName } = this;
    return new Proxy(store, {
      get(target, key) {
        if (key !== 'batch') {
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (
          ops: readonly StateOp[],
          options?: { fence?: StateFence },
        ): Promise<StateBatchResult> => {
          const fence = options?.fence;
          if (fence && !broker.holds(nodeName, fence.resource, fence.fence)) {
            throw Object.assign(new Error(`${fence.resource}: fence ${fence.fence} no longer holds`), {
              code: 'SWB_STATE_FENCED',
            });
          }
          return target.batch(ops);
        };
      },
    });
  }
}

/** The memory backend with a health its test sets, as a Redis backend's PING loop would. */
class WatchedBackend extends MemoryStateBackend {
  readonly signal = new HealthSignal();
  get health() {
    return this.signal.health;
  }
  onHealth(listener: (up: boolean) => void): () => void {
    return this.signal.onHealth(listener);
  }
}

describe('the state backend going down', () => {
  test('the runtime reports it (status, metric, diagnostic, log) and again when it is back', async () => {
    feeds.set('feed', new Feed());
    const state = new WatchedBackend(undefined, { durable: true });
    const runtime = node('a', state, new TestLeaseBroker(), 'cold');
    const seen: string[] = [];
    runtime.diagnostics.subscribe(
      (d) => {
        if (d.kind === 'state') seen.push(`${d.up} ${d.detail ?? ''}`.trim());
      },
      ['state'],
    );
    await runtime.start();
    expect(runtime.stateStatus).toEqual({ up: true });
    state.signal.set(false, 'connect ECONNREFUSED 127.0.0.1:6390');
    expect(runtime.stateStatus).toEqual({ up: false, detail: 'connect ECONNREFUSED 127.0.0.1:6390' });
    expect((await runtime.metrics.stateBackendUp.get()).values[0]?.value).toBe(0);
    state.signal.set(true);
    expect(runtime.stateStatus).toEqual({ up: true });
    expect((await runtime.metrics.stateBackendUp.get()).values[0]?.value).toBe(1);
    expect(seen).toEqual(['false connect ECONNREFUSED 127.0.0.1:6390', 'true']);
  });
});
