import type { ClientTarget, SocketClient, SocketGeneration, SocketListeners } from './SocketClient.js';
import { createV2Client } from './socketClientV2.js';
import { createV4Client } from './socketClientV4.js';

/** A client of the given generation; its listeners are registered here, once. */
export function createSocketClient(
  generation: SocketGeneration,
  target: ClientTarget,
  listeners: SocketListeners,
): SocketClient {
  return generation === 'v2' ? createV2Client(target, listeners) : createV4Client(target, listeners);
}
