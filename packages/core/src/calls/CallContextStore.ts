import { LRUCache } from 'lru-cache';
import type { Vars } from '../events/NormalizedEvent.js';
import { type Clock, systemClock } from '../runtime/Clock.js';

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
}

/**
 * Per-call variables that accumulate across all events of one call (keyed by `call.id`): the event's
 * own attached data, values written by `set` actions and saved `http` replies. Memory is bounded by
 * `maxCalls` and by the TTLs.
 */
export class CallContextStore {
  readonly #calls: LRUCache<string, CallEntry>;
  readonly #options: CallContextOptions;

  constructor(clock: Clock, options: Partial<CallContextOptions> = {}) {
    this.#options = { ...defaultCallContextOptions, ...options };
    this.#calls = new LRUCache<string, CallEntry>({
      max: this.#options.maxCalls,
      ttl: this.#options.idleTtlSeconds * 1000,
      // The system clock may be read at most once per ms; a test clock on every access.
      ttlResolution: clock === systemClock ? 1 : 0,
      updateAgeOnGet: false,
      perf: { now: () => clock.now() },
    });
  }

  /** Merges an event's vars into the call's and returns the merged vars (a live object). */
  enter(callId: string, eventVars: Vars): Vars {
    // A known call: reading it refreshes its age and recency, no second write needed.
    const entry = this.#calls.get(callId, { updateAgeOnGet: true });
    if (entry) {
      mergeVars(entry.vars, eventVars);
      return entry.vars;
    }
    const created: CallEntry = { vars: { ...eventVars }, ended: false };
    this.#touch(callId, created);
    return created.vars;
  }

  /** Current vars of a call, or undefined when it is not (or no longer) known. */
  get(callId: string): Vars | undefined {
    return this.#calls.get(callId)?.vars;
  }

  /** Writes values into a call's vars (the `set` action, saved `http` replies). */
  set(callId: string, values: Vars): void {
    const entry = this.#calls.get(callId) ?? { vars: {}, ended: false };
    mergeVars(entry.vars, values);
    this.#touch(callId, entry);
  }

  /** Marks the call ended: its vars are dropped `ttlAfterEndSeconds` from now. */
  end(callId: string): void {
    const entry = this.#calls.get(callId);
    if (!entry) return;
    entry.ended = true;
    this.#calls.set(callId, entry, { ttl: this.#options.ttlAfterEndSeconds * 1000 });
  }

  get size(): number {
    this.#calls.purgeStale();
    return this.#calls.size;
  }

  #touch(callId: string, entry: CallEntry): void {
    const ttl = entry.ended ? this.#options.ttlAfterEndSeconds : this.#options.idleTtlSeconds;
    this.#calls.set(callId, entry, { ttl: ttl * 1000 });
  }
}

/** Copies own keys; `__proto__` (possible in parsed JSON) is skipped so it cannot change a prototype. */
function mergeVars(target: Vars, source: Vars): void {
  for (const key of Object.keys(source)) {
    if (key !== '__proto__') target[key] = source[key];
  }
}
