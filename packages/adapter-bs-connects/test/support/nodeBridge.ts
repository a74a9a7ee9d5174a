import { io, type Socket } from 'socket.io-client';

/**
 * A bridge spoken by hand from Node (socket.io-client), to send what a browser bridge never would;
 * `headers` go with the WebSocket handshake. Core refuses a bridge without an `origin` header (browsers
 * always send one), so tests pass the page's origin as a browser would.
 */
export function connectNodeBridge(
  address: string,
  instance: string,
  auth: Record<string, unknown>,
  headers: Record<string, string> = {},
): Socket {
  return io(`${address}/adapters/${instance}`, {
    auth,
    extraHeaders: headers,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves on `connect`, rejects with the server's reason on `connect_error`. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

export type ScriptedReply = (args: unknown[]) => unknown | Promise<unknown>;

/**
 * Answers the daemon's requests like a b+s library would, from a script (request name → reply), and
 * records them. Requests without a script get `{ success: true }`.
 */
export function answerRequests(socket: Socket, script: Record<string, ScriptedReply> = {}) {
  const received: { request: string; args: unknown[] }[] = [];
  socket.on(
    'cil:request',
    async (message: { request: string; args: unknown[] }, ack: (reply: unknown) => void) => {
      received.push(message);
      const reply = script[message.request];
      ack(reply ? await reply(message.args) : { success: true });
    },
  );
  return received;
}
