import { LRUCache } from 'lru-cache';
import type { StateStore } from '../contract/StateStore.js';
import type { Vars } from '../events/NormalizedEvent.js';
import { type Clock, systemClock } from '../runtime/Clock.js';
import { keyPart } from '../state/stateKey.js';

export interface CallContextOptions {
  /** Seconds a call's vars are kept after the call ended. */
  readonly ttlAfterEndSeconds: number;
  /** Seconds a call's vars are kept after its last event when no end event arrives. */
  readonly idleTtlSeconds: number;
  /** Most calls kept at once; the least recently active call is dropped beyond it. */
  readonly maxCalls: number;
}

export const defaultCallContextOptions: CallContextOptions = {
  ttlAfterEndSeconds: 300,
  idleTtlSeconds: 4 * 3600,
  maxCalls: 100_000,
};

interface CallEntry {
  vars: Vars;
  ended: boolean;
  /** When the durable copy's idle TTL was last pushed forward (epoch ms). */
  persistedAt: number;
}

/** The field of a call's durable record that says the call ended (never part of its vars). */
const endedField = '__ended';

/**
 * Per-call variables that accumulate across all events of one call (keyed by `call.id`): the event's
 * own attached data, values written by `set` actions and saved `http` replies. Memory is bounded by
 * `maxCalls` and by the TTLs. With a durable store every change is also written there (one hash per call,
 * with the same TTLs), and a call this process has not seen yet is read back from it (`load`), so vars
 * set before a restart are there after it.
 */
export class CallContextStore {
  readonly #calls: LRUCache<string, CallEntry>;
  readonly #options: CallContextOptions;
  readonly #clock: Clock;
  readonly #store: StateStore | undefined;
  readonly #onWriteError: (error: unknown, callId: string) => void;

  constructor(
    clock: Clock,
    options: Partial<CallContextOptions> = {},
    durable?: {
      readonly store: StateStore;
      readonly onWriteError: (error: unknown, callId: string) => void;
    },
  ) {
    this.#options = { ...defaultCallContextOptions, ...options };
    this.#clock = clock;
    this.#store = durable?.store;
    this.#onWriteError = durable?.onWriteError ?? (() => undefined);
    this.#calls = new LRUCache<string, CallEntry>({
      max: this.#options.maxCalls,
      ttl: this.#options.idleTtlSeconds * 1000,
      // The system clock may be read at most once per ms; a test clock on every access.
      ttlResolution: clock === systemClock ? 1 : 0,
      updateAgeOnGet: false,
      perf: { now: () => clock.now() },
    });
  }

  /**
   * Reads a call this process does not hold from the durable store (after a restart); undefined (nothing
   * to wait for) when it holds the call or keeps no durable copy.
   */
  load(callId: string): Promise<void> | undefined {
    const store = this.#store;
    if (!store || this.#calls.has(callId)) return undefined;
    return store.get<Vars>(varsKey(callId)).then(
      (stored) => {
        if (stored === undefined || this.#calls.has(callId)) return;
        const { [endedField]: ended, ...vars } = stored;
        const entry: CallEntry = { vars, ended: ended === true, persistedAt: this.#clock.now() };
        this.#calls.set(callId, entry, { ttl: this.#ttlMs(entry) });
      },
      (error: unknown) => this.#onWriteError(error, callId),
    );
  }

  /** Merges an event's vars into the call's and returns the merged vars (a live object). */
  enter(callId: string, eventVars: Vars): Vars {
    // A known call: reading it refreshes its age and recency, no second write needed.
    const entry = this.#calls.get(callId, { updateAgeOnGet: true });
    if (entry) {
      mergeVars(entry.vars, eventVars);
      this.#persist(callId, entry, eventVars);
      return entry.vars;
    }
    const created: CallEntry = { vars: { ...eventVars }, ended: false, persistedAt: this.#clock.now() };
    this.#touch(callId, created);
    this.#persist(callId, created, eventVars, true);
    return created.vars;
  }

  /** True when the call is known to have ended (load it first after a restart). */
  hasEnded(callId: string): boolean {
    return this.#calls.get(callId)?.ended === true;
  }

  /** Current vars of a call, or undefined when it is not (or no longer) known. */
  get(callId: string): Vars | undefined {
    return this.#calls.get(callId)?.vars;
  }

  /** Writes values into a call's vars (the `set` action, saved `http` replies). */
  set(callId: string, values: Vars): void {
    const entry = this.#calls.get(callId) ?? { vars: {}, ended: false, persistedAt: this.#clock.now() };
    mergeVars(entry.vars, values);
    this.#touch(callId, entry);
    this.#persist(callId, entry, values, true);
  }

  /** Marks the call ended: its vars are dropped `ttlAfterEndSeconds` from now. */
  end(callId: string): void {
    const entry = this.#calls.get(callId);
    if (!entry) return;
    entry.ended = true;
    this.#calls.set(callId, entry, { ttl: this.#options.ttlAfterEndSeconds * 1000 });
    this.#persist(callId, entry, { [endedField]: true }, true);
  }

  get size(): number {
    this.#calls.purgeStale();
    return this.#calls.size;
  }

  #touch(callId: string, entry: CallEntry): void {
    this.#calls.set(callId, entry, { ttl: this.#ttlMs(entry) });
  }

  #ttlMs(entry: CallEntry): number {
    return (entry.ended ? this.#options.ttlAfterEndSeconds : this.#options.idleTtlSeconds) * 1000;
  }

  /**
   * Writes changed fields through (batched with the turn's other writes, in order, so they are committed
   * before the event that made them is marked done). An event without new vars only pushes the TTL
   * forward, and only once a quarter of it has passed.
   */
  #persist(callId: string, entry: CallEntry, fields: Vars, force = false): void {
    const store = this.#store;
    if (!store) return;
    const now = this.#clock.now();
    const changed = Object.keys(fields).length > 0;
    if (!changed && !force && now - entry.persistedAt < this.#ttlMs(entry) / 4) return;
    entry.persistedAt = now;
    store
      .merge(varsKey(callId), changed ? withoutProto(fields) : {}, { ttlMs: this.#ttlMs(entry) })
      .catch((error: unknown) => this.#onWriteError(error, callId));
  }
}

const varsKey = (callId: string): string => `${keyPart(callId)}/v`;

/** Copies own keys; `__proto__` (possible in parsed JSON) is skipped so it cannot change a prototype. */
function mergeVars(target: Vars, source: Vars): void {
  for (const key of Object.keys(source)) {
    if (key !== '__proto__') target[key] = source[key];
  }
}

function withoutProto(fields: Vars): Vars {
  if (!Object.hasOwn(fields, '__proto__')) return fields;
  const copy: Vars = {};
  mergeVars(copy, fields);
  return copy;
}
