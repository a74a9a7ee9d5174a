import type { StateStore } from '@switchboard/core';
import { LRUCache } from 'lru-cache';
import { maestroCallId } from '../../mapping/mapMaestroEnvelope.js';
import { stateKeyPart } from '../../mapping/stateKeyPart.js';

/** Interactions remembered at once in memory. */
const maxCalls = 10_000;
/** How long an interaction's id is kept in the instance's state after its last new id. */
export const callTtlMs = 4 * 3_600_000;

/**
 * Maestro messages carry no call id, only the other party (`searchContext`). This gives the messages
 * of one interaction one id: every `offered` starts a new call, `maestro:<agentId>:<eventId of the
 * offered>` (so the copies of one message that the agent's other tabs forward get the same id), and
 * the agent's later messages for the same media and other party join it. A message with no `offered`
 * before it (the daemon started mid-call) starts a call the same way. An ended call is not forgotten
 * at once, so late copies of its `terminated` from another tab still find it; the next `offered`
 * replaces it. With a store, each id is also kept in the instance's state for 4 hours
 * (`maestro.call/<agent>/<media>/<other party>`), and `recall` brings it back after a restart, so a call
 * keeps its id (and its vars) across one.
 */
export class MaestroCallTracker {
  /** The least recently seen interaction is forgotten past `maxCalls`. */
  readonly #calls = new LRUCache<string, string>({ max: maxCalls });
  readonly #store: StateStore | undefined;
  readonly #onWriteError: (error: unknown) => void;

  constructor(store?: StateStore, onWriteError: (error: unknown) => void = () => undefined) {
    this.#store = store;
    this.#onWriteError = onWriteError;
  }

  /** Before `callId`: the id the store kept for the message's interaction, when memory has none. */
  async recall(agentId: string, data: Readonly<Record<string, unknown>>): Promise<void> {
    if (!this.#store || data.eventName === 'offered') return;
    const key = interactionKey(agentId, data);
    if (this.#calls.has(key)) return;
    const saved = await this.#store.get<string>(key);
    if (typeof saved === 'string' && !this.#calls.has(key)) this.#calls.set(key, saved);
  }

  callId(agentId: string, data: Readonly<Record<string, unknown>>): string {
    const key = interactionKey(agentId, data);
    const fresh = maestroCallId(agentId, String(data.eventId));
    const known = this.#calls.get(key);
    const id = data.eventName === 'offered' ? fresh : (known ?? fresh);
    this.#calls.set(key, id);
    // Written in the turn of the message's accept, so both land in one commit of the store.
    if (this.#store && id !== known) this.#store.set(key, id, { ttlMs: callTtlMs }).catch(this.#onWriteError);
    return id;
  }
}

/** `maestro.call/<agent>/<media>/<other party>`: the key of an interaction, in memory and in the state. */
function interactionKey(agentId: string, data: Readonly<Record<string, unknown>>): string {
  const part = (value: unknown) => stateKeyPart(encodeURIComponent(String(value)));
  return `maestro.call/${part(agentId)}/${part(data.media)}/${part(data.searchContext)}`;
}
