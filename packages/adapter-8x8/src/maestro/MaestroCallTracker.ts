/** Calls remembered at once; the least recently seen is forgotten past this. */
const maxCalls = 10_000;

/**
 * Maestro messages carry no call id, only the other party (`searchContext`). This gives the messages
 * of one call one id: per agent, media and other party, the id starts with the first message's
 * `eventId` and is forgotten when the call terminates.
 */
export class MaestroCallTracker {
  readonly #calls = new Map<string, string>();

  callId(agentId: string, data: Readonly<Record<string, unknown>>): string {
    const key = `${agentId}\u0000${String(data.media)}\u0000${String(data.searchContext)}`;
    let id = this.#calls.get(key);
    if (id === undefined) id = `maestro:${agentId}:${String(data.eventId)}`;
    this.#calls.delete(key);
    if (data.eventName === 'terminated') return id;
    this.#calls.set(key, id);
    if (this.#calls.size > maxCalls) this.#calls.delete(this.#calls.keys().next().value as string);
    return id;
  }
}
