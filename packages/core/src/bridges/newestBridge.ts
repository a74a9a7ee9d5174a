/** A bridge as socket.io's `fetchSockets()` gives it (local or on another node). */
export interface IssuedBridge {
  readonly handshake: { readonly issued: number };
}

/** The bridge connected last (an agent's most recent tab); the later one of a tie. */
export function newestBridge<T extends IssuedBridge>(bridges: readonly T[]): T | undefined {
  let found: T | undefined;
  for (const bridge of bridges)
    if (!found || bridge.handshake.issued >= found.handshake.issued) found = bridge;
  return found;
}
