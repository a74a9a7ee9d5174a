import { actionIdempotencyKey } from '../actions/actionIdempotencyKey.js';
import type { StateStore } from '../contract/StateStore.js';
import type { NormalizedEvent } from '../events/NormalizedEvent.js';
import type { Clock } from '../runtime/Clock.js';
import { coreKeyPrefix } from '../state/prefixedStore.js';
import { callsNamespace, type StateBackend } from '../state/StateBackend.js';
import { keyPart } from '../state/stateKey.js';
import { valueToString } from '../templates/valueToString.js';
import type { DeliveryPolicy } from './DeliveryPolicies.js';

/** Where an at-most-once action stands: written before it is sent, then when it settled. */
export interface ActionMarker {
  readonly s: 'started' | 'done' | 'failed' | 'unconfirmed';
  readonly run: number;
  readonly at: number;
  readonly eventId: string;
}

/** One action's marker: its store and key, and the key a receiver may de-duplicate by. */
export interface MarkerRef {
  readonly store: StateStore;
  readonly key: string;
  readonly eventId: string;
  readonly per: 'call' | 'event';
  /**
   * The action's idempotency key: per event as for every action; per call the same for every event of the
   * call (a call recovered with a new event id sends the same key).
   */
  readonly idempotencyKey: string;
}

/** What to do with an at-most-once action. */
export type MarkerDecision =
  | { readonly kind: 'send' }
  | { readonly kind: 'skip'; readonly reason: 'already-done' | 'unconfirmed' | 'in-progress' }
  | { readonly kind: 'unconfirmed'; readonly startedRun: number };

export interface ActionMarkerOptions {
  /** How long a per-call marker is kept (a call's idle TTL). */
  readonly callTtlMs: number;
  /** How long a per-event marker is kept (the de-duplication window). */
  readonly eventTtlMs: number;
}

/**
 * The "already done" markers of `once` and `once-keyed` actions, per call (or event), rule, action position
 * and target: so a re-run event, or a vendor's call recovery with a new event, sends a screen pop at most
 * once, and an action a crash cut off is reported (`once`) or sent again with its key (`once-keyed`).
 */
export class ActionMarkers {
  readonly #backend: StateBackend;
  readonly #clock: Clock;
  readonly #options: ActionMarkerOptions;
  readonly #run: () => number;

  constructor(backend: StateBackend, clock: Clock, run: () => number, options: ActionMarkerOptions) {
    this.#backend = backend;
    this.#clock = clock;
    this.#run = run;
    this.#options = options;
  }

  /** Markers survive a restart (the backend is durable). */
  get durable(): boolean {
    return this.#backend.durable;
  }

  ref(
    policy: DeliveryPolicy,
    event: NormalizedEvent,
    rule: string,
    index: number,
    params: Readonly<Record<string, unknown>>,
  ): MarkerRef {
    const target = policy.target === undefined ? '' : valueToString(params[policy.target] ?? '');
    const tail = `${keyPart(rule)}/${index}/${keyPart(target)}`;
    const callId = event.call?.id;
    if (policy.per === 'call' && callId !== undefined) {
      return {
        store: this.#backend.namespace(callsNamespace),
        key: `${keyPart(callId)}/m/${tail}`,
        eventId: event.id,
        per: 'call',
        idempotencyKey: actionIdempotencyKey(event.source, `call\u0000${callId}\u0000${target}`, rule, index),
      };
    }
    return {
      store: this.#backend.namespace(event.source),
      key: `${coreKeyPrefix}act/${keyPart(event.id)}/${tail}`,
      eventId: event.id,
      per: 'event',
      idempotencyKey: actionIdempotencyKey(event.source, event.id, rule, index),
    };
  }

  /** Records the action as started (durably, before it is sent) or says why it is not sent. */
  async begin(ref: MarkerRef, mode: 'once' | 'once-keyed'): Promise<MarkerDecision> {
    const started = this.#marker('started', ref);
    if (await ref.store.setIfAbsent(ref.key, started, { ttlMs: this.#ttl(ref) })) return { kind: 'send' };
    const found = await ref.store.get<ActionMarker>(ref.key);
    switch (found?.s) {
      case 'done':
        return { kind: 'skip', reason: 'already-done' };
      case 'unconfirmed':
        return { kind: 'skip', reason: 'unconfirmed' };
      case 'started':
        if (found.run === this.#run()) return { kind: 'skip', reason: 'in-progress' };
        if (mode === 'once') {
          await this.settle(ref, 'unconfirmed');
          return { kind: 'unconfirmed', startedRun: found.run };
        }
        break;
      default:
        // Failed before (a later event of the call may try again), or expired just now.
        break;
    }
    await ref.store.set(ref.key, started, { ttlMs: this.#ttl(ref) });
    return { kind: 'send' };
  }

  /** The action settled: `done` when its executor resolved, `failed` when it threw. */
  async settle(ref: MarkerRef, state: 'done' | 'failed' | 'unconfirmed'): Promise<void> {
    await ref.store.set(ref.key, this.#marker(state, ref), { ttlMs: this.#ttl(ref) });
  }

  #marker(s: ActionMarker['s'], ref: MarkerRef): ActionMarker {
    return { s, run: this.#run(), at: this.#clock.now(), eventId: ref.eventId };
  }

  #ttl(ref: MarkerRef): number {
    return ref.per === 'call' ? this.#options.callTtlMs : this.#options.eventTtlMs;
  }
}
