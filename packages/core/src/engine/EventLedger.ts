import type { StateOp, StateStore } from '../contract/StateStore.js';
import type { NormalizedEvent } from '../events/NormalizedEvent.js';
import type { Clock } from '../runtime/Clock.js';
import { coreKeyPrefix } from '../state/prefixedStore.js';
import { coreNamespace, type StateBackend } from '../state/StateBackend.js';
import { keyPart } from '../state/stateKey.js';

/** An event as the ledger keeps it: pending (with its body, to re-run it) until its actions settled. */
export interface LedgerRecord {
  readonly s: 'pending' | 'done';
  /** The run of the daemon that recorded it (or last re-ran it). */
  readonly run: number;
  /** Epoch ms it was recorded. */
  readonly at: number;
  /** False for an event that waited for an answer: its asker is gone after a restart. */
  readonly replay: boolean;
  /** The node that recorded it, when several share the state (`node.id`). */
  readonly node?: string;
  /** The leased connection (`<instance>/<connection>`) it came through, when several nodes share the state. */
  readonly lease?: string;
  readonly event?: NormalizedEvent;
}

export interface EventLedgerOptions {
  /** How long a done event id is remembered (the de-duplication window). */
  readonly windowMs: number;
  /** How long a pending event may wait to be re-run (a call's idle TTL and the window). */
  readonly pendingTtlMs: number;
  /** Several nodes share the state: each pending record names the node that recorded it. */
  readonly node?: string;
}

const evtPrefix = `${coreKeyPrefix}evt/`;

/**
 * Core's journal of events, in each source instance's namespace: an event is recorded as pending (in the
 * same atomic batch as the vendor's resume point) before it is acknowledged and run, and becomes done once
 * its actions settled. So it is the durable de-duplication window too, and what a restart re-runs.
 */
export class EventLedger {
  readonly #backend: StateBackend;
  readonly #clock: Clock;
  readonly #options: EventLedgerOptions;
  #run = 0;

  constructor(backend: StateBackend, clock: Clock, options: EventLedgerOptions) {
    this.#backend = backend;
    this.#clock = clock;
    this.#options = options;
  }

  /** This daemon's run: one more than the last one that started on this state. */
  get run(): number {
    return this.#run;
  }

  /** Counts this start as a new run (read when the backend is open, before anything is recorded). */
  async begin(): Promise<number> {
    const store = this.#backend.namespace(coreNamespace);
    const last = (await store.get<number>('run')) ?? 0;
    this.#run = last + 1;
    await store.set('run', this.#run);
    return this.#run;
  }

  store(source: string): StateStore {
    return this.#backend.namespace(source);
  }

  /** The op that records an event as pending in `ns` (its batch's namespace) unless its id is there already. */
  pendingOp(ns: string, event: NormalizedEvent, replay: boolean, lease?: string): StateOp {
    const record: LedgerRecord = {
      s: 'pending',
      run: this.#run,
      at: this.#clock.now(),
      replay,
      ...(replay ? { event } : {}),
      ...(this.#options.node !== undefined ? { node: this.#options.node } : {}),
      ...(lease !== undefined ? { lease } : {}),
    };
    return { op: 'setIfAbsent', key: keyOf(ns, event), value: record, ttlMs: this.#options.pendingTtlMs };
  }

  /** Takes a pending event of an earlier run for this run (a second crash re-runs it again). */
  async claim(ns: string, key: string, record: LedgerRecord): Promise<void> {
    await this.store(ns).set(key, { ...record, run: this.#run }, { ttlMs: this.#options.pendingTtlMs });
  }

  /** The event's actions settled: only its id is kept, for the de-duplication window. */
  async done(ns: string, key: string): Promise<void> {
    const record: LedgerRecord = { s: 'done', run: this.#run, at: this.#clock.now(), replay: false };
    await this.store(ns).set(key, record, { ttlMs: this.#options.windowMs });
  }

  /**
   * Pending events of earlier runs in a namespace, oldest first. Several nodes: `lease`, those that came
   * through that leased connection (its last holder's); `node`, those this node recorded outside any lease.
   */
  async pendingOfEarlierRuns(
    source: string,
    options: { readonly node?: string; readonly lease?: string } = {},
  ): Promise<{ key: string; record: LedgerRecord }[]> {
    const found: { key: string; record: LedgerRecord }[] = [];
    for await (const [key, record] of this.store(source).scan<LedgerRecord>(evtPrefix)) {
      if (record.s !== 'pending' || record.run >= this.#run) continue;
      if (options.lease !== undefined && record.lease !== options.lease) continue;
      if (options.node !== undefined && (record.node !== options.node || record.lease !== undefined))
        continue;
      found.push({ key, record });
    }
    return found.sort((a, b) => a.record.at - b.record.at);
  }
}

/**
 * The ledger key of an event in the namespace of the instance that accepted it: its id, with its source
 * in front when that is another name (`Runtime.publish(event, source)` with an event of its own source).
 */
export const keyOf = (ns: string, event: NormalizedEvent): string =>
  `${evtPrefix}${keyPart(event.source === ns ? event.id : `${event.source}\u0000${event.id}`)}`;
