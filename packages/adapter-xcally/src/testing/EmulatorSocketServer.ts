import type { Server as HttpServer } from 'node:http';

/** socket.io server generation the emulator runs: `v2` = socket.io 2.x, `v4` = socket.io 4.x. */
export type EmulatorProfile = 'v2' | 'v4';

export interface EmulatorServerHooks {
  connected(client: string): void;
  disconnected(client: string, reason: string): void;
  /** An event a client emitted (AgentCTI, AgentCTINotification, RealtimeCTI, or anything else). */
  command(client: string, name: string, args: readonly unknown[]): void;
}

export interface EmulatorServerOptions {
  readonly path: string;
  /** v4 profile: also accept socket.io 2.x clients (Engine.IO 3). */
  readonly allowEIO3: boolean;
  /** When set, clients must send it as `token` (handshake query, or v4 auth payload). */
  readonly token?: string;
}

/** The socket.io side of the emulator, the same for both generations. */
export interface EmulatorSocketServer {
  readonly clientCount: number;
  /**
   * Emits to every connected client; returns how many there were. With `onAck`, each client is asked to
   * acknowledge, and `onAck` is called once per client that does.
   */
  broadcast(name: string, payload: unknown, onAck?: () => void): number;
  /** Closes socket.io and the HTTP server under it. */
  close(): Promise<void>;
}

/** Attaches a socket.io server of the profile's generation to an HTTP(S) server. */
export async function attachSocketServer(
  profile: EmulatorProfile,
  http: HttpServer,
  options: EmulatorServerOptions,
  hooks: EmulatorServerHooks,
): Promise<EmulatorSocketServer> {
  return profile === 'v2' ? attachV2(http, options, hooks) : attachV4(http, options, hooks);
}

const unauthorized = (): Error => new Error('unauthorized');

async function attachV2(
  http: HttpServer,
  options: EmulatorServerOptions,
  hooks: EmulatorServerHooks,
): Promise<EmulatorSocketServer> {
  const createServer = (await importOptional<{ default: typeof import('socket.io-v2') }>('socket.io-v2'))
    .default;
  const io = createServer(http, { path: options.path, serveClient: false });
  if (options.token !== undefined) {
    io.use((socket, next) =>
      next(socket.handshake.query.token === options.token ? undefined : unauthorized()),
    );
  }
  io.on('connection', (socket) => {
    hooks.connected(socket.id);
    socket.use((packet, next) => {
      hooks.command(socket.id, String(packet[0]), packet.slice(1));
      next();
    });
    socket.on('disconnect', (reason) => hooks.disconnected(socket.id, reason));
  });
  return {
    get clientCount() {
      return Object.keys(io.sockets.connected).length;
    },
    broadcast: (name, payload, onAck) => {
      const sockets = Object.values(io.sockets.connected);
      // socket.io 2.x cannot ask for acks on a broadcast: one emit per client then.
      if (onAck) for (const socket of sockets) socket.emit(name, payload, () => onAck());
      else io.emit(name, payload);
      return sockets.length;
    },
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

async function attachV4(
  http: HttpServer,
  options: EmulatorServerOptions,
  hooks: EmulatorServerHooks,
): Promise<EmulatorSocketServer> {
  const { Server } = await importOptional<typeof import('socket.io')>('socket.io');
  const io = new Server(http, { path: options.path, serveClient: false, allowEIO3: options.allowEIO3 });
  if (options.token !== undefined) {
    io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token ?? socket.handshake.query.token;
      next(token === options.token ? undefined : unauthorized());
    });
  }
  io.on('connection', (socket) => {
    hooks.connected(socket.id);
    socket.use(([name, ...args], next) => {
      hooks.command(socket.id, String(name), args);
      next();
    });
    socket.on('disconnect', (reason) => hooks.disconnected(socket.id, reason));
  });
  return {
    get clientCount() {
      return io.of('/').sockets.size;
    },
    broadcast: (name, payload, onAck) => {
      const sockets = [...io.of('/').sockets.values()];
      if (onAck) for (const socket of sockets) socket.emit(name, payload, () => onAck());
      else io.emit(name, payload);
      return sockets.length;
    },
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

/** The emulator's servers are optional peers: say how to install them when they are missing. */
async function importOptional<T>(name: 'socket.io' | 'socket.io-v2'): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    const install = name === 'socket.io' ? 'socket.io@^4' : 'socket.io-v2@npm:socket.io@^2';
    throw new Error(`the xCALLY emulator needs ${name}: npm install -D ${install}`, { cause: error });
  }
}
