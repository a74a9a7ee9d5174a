import { Adapter8x8Error } from '../errors/Adapter8x8Error.js';
import { bridgeMessages, type DialAck } from './bridgeProtocol.js';

/** A connected bridge as socket.io's `fetchSockets()` gives it (local or on another server). */
export interface DialableBridge {
  readonly handshake: { readonly issued: number };
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
}

/** The bridge connected last: the agent's most recent tab. */
export function newestBridge<T extends DialableBridge>(bridges: readonly T[]): T | undefined {
  let found: T | undefined;
  for (const bridge of bridges)
    if (!found || bridge.handshake.issued >= found.handshake.issued) found = bridge;
  return found;
}

/**
 * Sends `dial` to one of an agent's bridges, the one connected last, so an agent with several tabs
 * open places one call and a slow tab elsewhere cannot fail it. Resolves with the number of bridges
 * that dialled (1); throws `X8_DIAL_NO_BRIDGE` when none is connected, or it did not confirm within
 * `timeoutMs`, or could not dial.
 */
export async function dialNewestBridge(
  bridges: readonly DialableBridge[],
  agentId: string,
  phoneNumber: string,
  timeoutMs: number,
): Promise<number> {
  const bridge = newestBridge(bridges);
  if (!bridge) {
    throw new Adapter8x8Error('X8_DIAL_NO_BRIDGE', `agent \`${agentId}\` has no connected Maestro bridge`);
  }
  let ack: DialAck | undefined;
  try {
    ack = (await bridge.timeout(timeoutMs).emitWithAck(bridgeMessages.dial, { phoneNumber })) as DialAck;
  } catch (error) {
    throw new Adapter8x8Error(
      'X8_DIAL_NO_BRIDGE',
      `the Maestro bridge of agent \`${agentId}\` did not confirm the dial within ${timeoutMs} ms`,
      { cause: error },
    );
  }
  if (ack?.ok !== true) {
    const why = typeof ack?.error === 'string' ? ack.error : 'no reason given';
    throw new Adapter8x8Error(
      'X8_DIAL_NO_BRIDGE',
      `the Maestro bridge of agent \`${agentId}\` could not dial: ${why.slice(0, 200)}`,
    );
  }
  return 1;
}
