import { LRUCache } from 'lru-cache';
import { maestroCallId } from '../../mapping/mapMaestroEnvelope.js';

/** Interactions remembered at once. */
const maxCalls = 10_000;

/**
 * Maestro messages carry no call id, only the other party (`searchContext`). This gives the messages
 * of one interaction one id: every `offered` starts a new call, `maestro:<agentId>:<eventId of the
 * offered>` (so the copies of one message that the agent's other tabs forward get the same id), and
 * the agent's later messages for the same media and other party join it. A message with no `offered`
 * before it (the daemon started mid-call) starts a call the same way. An ended call is not forgotten
 * at once, so late copies of its `terminated` from another tab still find it; the next `offered`
 * replaces it.
 */
export class MaestroCallTracker {
  /** The least recently seen interaction is forgotten past `maxCalls`. */
  readonly #calls = new LRUCache<string, string>({ max: maxCalls });

  callId(agentId: string, data: Readonly<Record<string, unknown>>): string {
    const key = `${agentId}\u0000${String(data.media)}\u0000${String(data.searchContext)}`;
    const fresh = maestroCallId(agentId, String(data.eventId));
    const id = data.eventName === 'offered' ? fresh : (this.#calls.get(key) ?? fresh);
    this.#calls.set(key, id);
    return id;
  }
}
