import { io } from 'socket.io-client';
import { confirmWritten, type EngineSocket, writesSettled } from './confirmWritten.js';
import type { ClientTarget, SocketClient, SocketListeners } from './SocketClient.js';

/** A socket.io-client 4.x socket, for socket.io 3.x/4.x servers (Engine.IO 4). */
export function createV4Client(target: ClientTarget, listeners: SocketListeners): SocketClient {
  const socket = io(target.url, {
    path: target.path,
    transports: [...target.transports] as ('polling' | 'websocket')[],
    query: { ...target.query },
    auth: { ...target.auth },
    extraHeaders: { ...target.extraHeaders },
    ...(target.ca !== undefined ? { ca: target.ca } : {}),
    rejectUnauthorized: target.rejectUnauthorized,
    timeout: target.timeoutMs,
    reconnection: false,
    autoConnect: false,
    forceNew: true,
  });
  socket.on('connect', () => listeners.connected());
  socket.on('disconnect', (reason) => listeners.disconnected(reason));
  socket.on('connect_error', (error) => listeners.failed(error));
  // The Manager makes a new Engine.IO socket on each connect: read it when needed.
  const engine = (): EngineSocket => socket.io.engine as unknown as EngineSocket;
  socket.onAny((name: string, ...args: unknown[]) => listeners.message(name, args));
  return {
    generation: 'v4',
    get connected() {
      return socket.connected;
    },
    connect: () => void socket.connect(),
    close: () => void socket.close(),
    closeGracefully: async () => {
      await writesSettled(engine(), target.confirmTimeoutMs);
      socket.close();
    },
    emit: (name, payload) =>
      confirmWritten(engine(), () => socket.emit(name, payload), target.confirmTimeoutMs),
  };
}
