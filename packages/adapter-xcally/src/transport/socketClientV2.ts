import lookup from 'socket.io-client-v2';
import { confirmWritten, type EngineSocket, writesSettled } from './confirmWritten.js';
import type { ClientTarget, SocketClient, SocketListeners } from './SocketClient.js';

/**
 * A socket.io-client 2.x socket, for socket.io 1.x/2.x servers (Engine.IO 3), which a 4.x client
 * cannot reach at all. 2.x has no `onAny`: every incoming event goes through `onevent`, replaced once
 * here (the same technique as socket.io 2 wildcard middlewares).
 */
export function createV2Client(target: ClientTarget, listeners: SocketListeners): SocketClient {
  const socket = lookup(target.url, {
    path: target.path,
    transports: [...target.transports],
    query: { ...target.query },
    extraHeaders: { ...target.extraHeaders },
    ...(target.ca !== undefined ? { ca: target.ca } : {}),
    rejectUnauthorized: target.rejectUnauthorized,
    timeout: target.timeoutMs,
    reconnection: false,
    autoConnect: false,
    forceNew: true,
  });
  socket.on('connect', () => listeners.connected());
  socket.on('disconnect', (reason: string) => listeners.disconnected(reason));
  socket.on('connect_error', (error: Error) => listeners.failed(error));
  socket.on('connect_timeout', () => listeners.failed(new Error(`timeout after ${target.timeoutMs} ms`)));
  socket.on('error', (error: unknown) => {
    // 2.x reports a namespace middleware refusal as `error` (a string or an object), before `connect`.
    if (!socket.connected) listeners.failed(error instanceof Error ? error : new Error(String(error)));
  });
  // The Manager makes a new Engine.IO socket on each connect: read it when needed.
  const engine = (): EngineSocket => socket.io.engine as EngineSocket;
  socket.onevent = (packet) => {
    const args: unknown[] = [...(packet.data ?? [])];
    if (packet.id !== undefined && packet.id !== null) args.push(socket.ack(packet.id));
    const [name, ...rest] = args;
    listeners.message(typeof name === 'string' ? name : String(name), rest);
  };
  return {
    generation: 'v2',
    get connected() {
      return socket.connected;
    },
    connect: () => void socket.open(),
    close: () => void socket.close(),
    closeGracefully: async () => {
      await writesSettled(engine(), target.confirmTimeoutMs);
      socket.close();
    },
    emit: (name, payload) =>
      confirmWritten(engine(), () => socket.emit(name, payload), target.confirmTimeoutMs),
  };
}
