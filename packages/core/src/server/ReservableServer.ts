import { type RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';

/** Connections kept waiting while the adapters start; beyond this many, new ones are closed. */
const maxWaiting = 256;

type ConnectionListener = (socket: Socket) => void;

/**
 * An HTTP server whose port can be bound before the application is ready to serve (`reserve`), so a
 * port in use is found before any adapter starts. Connections that arrive meanwhile wait, unread,
 * and are served once the application listens: on a reserved server `listen` (what fastify calls
 * when its routes are ready) only lets them in.
 */
export class ReservableServer extends Server {
  #waiting: Set<Socket> | undefined;
  #listeners: ConnectionListener[] = [];
  readonly #wait: ConnectionListener = (socket) => {
    const waiting = this.#waiting;
    if (!waiting || waiting.size >= maxWaiting) {
      socket.destroy();
      return;
    }
    waiting.add(socket);
    socket.on('error', ignore);
    socket.once('close', () => waiting.delete(socket));
  };

  constructor(handler: RequestListener) {
    super(handler);
  }

  get reserved(): boolean {
    return this.#waiting !== undefined;
  }

  /** Binds `host:port`; rejects with Node's error (EADDRINUSE, …) when it cannot. */
  reserve(host: string, port: number): Promise<void> {
    this.#listeners = this.listeners('connection') as ConnectionListener[];
    this.removeAllListeners('connection');
    this.on('connection', this.#wait);
    this.#waiting = new Set();
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => {
        this.off('listening', bound);
        this.#letIn();
        reject(error);
      };
      const bound = () => {
        this.off('error', failed);
        resolve();
      };
      this.once('error', failed);
      this.once('listening', bound);
      super.listen({ host, port });
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: the overloads of net.Server#listen, passed through
  override listen(...args: any[]): this {
    if (!this.#waiting) return super.listen(...args);
    this.#letIn();
    process.nextTick(() => this.emit('listening'));
    return this;
  }

  override close(callback?: (error?: Error) => void): this {
    for (const socket of this.#waiting ?? []) socket.destroy();
    this.#letIn();
    return super.close(callback);
  }

  /** Gives the waiting connections (and every later one) to the HTTP server. */
  #letIn(): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    this.#waiting = undefined;
    this.off('connection', this.#wait);
    for (const listener of this.#listeners) this.on('connection', listener);
    for (const socket of waiting) {
      socket.off('error', ignore);
      if (!socket.destroyed) this.emit('connection', socket);
    }
  }
}

function ignore(): void {}
