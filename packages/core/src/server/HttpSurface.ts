import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Namespace, ServerOptions, Server as SocketServer } from 'socket.io';
import { SwitchboardError } from '../errors/index.js';
import { OriginPolicy } from '../origins/OriginPolicy.js';
import { lazyRequire } from '../util/lazyRequire.js';
import { listenFailure } from './listenFailure.js';
import type { RealtimeHost, RealtimeNamespaceOptions } from './RealtimeHost.js';
import { ReservableServer } from './ReservableServer.js';
import type { RouteHost } from './RouteHost.js';

const fastify = lazyRequire<typeof import('fastify')>('fastify');
const socketIo = lazyRequire<typeof import('socket.io')>('socket.io');

export interface HttpSurfaceOptions {
  readonly host: string;
  readonly port: number;
  /** Base URL browsers reach the daemon at, when it differs from the bound address (proxy, TLS). */
  readonly publicUrl?: string;
  /** Largest request body in bytes. */
  readonly bodyLimit?: number;
  /**
   * The socket.io adapter of the bridges' server (several nodes: one that forwards between them). The
   * only place bridges learn about other nodes.
   */
  readonly realtimeAdapter?: RealtimeAdapterFactory;
}

/** socket.io's `adapter` option: a cross-node adapter's factory (Redis, Postgres, a cluster). */
export type RealtimeAdapterFactory = NonNullable<ServerOptions['adapter']>;

export const defaultHttpSurfaceOptions: HttpSurfaceOptions = {
  host: '127.0.0.1',
  port: 8787,
  bodyLimit: 64 * 1024,
};

const agentRoom = (agentId: string): string => `agent:${agentId}`;

/**
 * The daemon's one HTTP server, shared by adapters: routes namespaced per instance, and a socket.io
 * server for browser bridges on the same port. It listens only if an adapter used it. Its port can be
 * bound before the adapters start (`reserve`), so a port in use stops the daemon before any adapter
 * connects; connections wait until the routes are mounted.
 */
export class HttpSurface {
  #app: FastifyInstance | undefined;
  readonly #options: HttpSurfaceOptions;
  readonly #logger: Logger;
  #io: SocketServer | undefined;
  #used = false;
  /** The origins of every namespace: socket.io's own CORS (polling) allows what one of them allows. */
  readonly #policies: OriginPolicy[] = [];
  readonly #onListening: (() => void)[] = [];
  #listening = false;
  #address: string | undefined;
  #server: ReservableServer | undefined;
  /** Why `reserve` could not bind the port: routes and namespaces are refused with it. */
  #unbound: SwitchboardError | undefined;

  constructor(options: Partial<HttpSurfaceOptions>, logger: Logger) {
    this.#options = { ...defaultHttpSurfaceOptions, ...options };
    this.#logger = logger;
  }

  /** The fastify instance, created on first use (runtimes that serve nothing never build one). */
  get app(): FastifyInstance {
    if (!this.#app) {
      const app = fastify().fastify({
        bodyLimit: this.#options.bodyLimit ?? 64 * 1024,
        logger: false,
        forceCloseConnections: true,
        serverFactory: (handler) => {
          const server = new ReservableServer(handler);
          // What fastify sets on servers it makes itself.
          server.keepAliveTimeout = 72_000;
          server.requestTimeout = 0;
          this.#server = server;
          return server;
        },
      });
      // Registered first, so adapters' own onListen hooks already see the bound address in `url()`.
      app.addHook('onListen', async () => {
        this.#address = addressOf(app.server.address() as AddressInfo);
      });
      this.#app = app;
    }
    return this.#app;
  }

  get listening(): boolean {
    return this.#listening;
  }

  /** `http://host:port` once listening. */
  get address(): string | undefined {
    return this.#address;
  }

  routesFor(instance: string): RouteHost {
    const prefix = `/adapters/${encodeURIComponent(instance)}`;
    return {
      prefix,
      register: (plugin: FastifyPluginAsync) => {
        this.#refuseWhenUnbound();
        if (this.#listening) {
          throw new SwitchboardError(
            'SWB_HTTP_ROUTE_LATE',
            `instance \`${instance}\` added routes after start`,
          );
        }
        this.#used = true;
        this.app.register(plugin, { prefix });
      },
      url: (path = '') => `${this.baseUrl()}${prefix}${path}`,
    };
  }

  /** @deprecated The legacy namespace (`InstanceTokens.Realtime`); `ctx.bridges` replaces it in core 2.0. */
  realtimeFor(instance: string): RealtimeHost {
    return {
      agentRoom,
      namespace: (options: RealtimeNamespaceOptions) => {
        // Legacy behaviour kept: a socket without Origin (no browser) passes this check.
        // Without `origins` no origin is allowed by CORS, and none is checked here (as in core 1.0).
        const policy = OriginPolicy.tolerant(options.origins ?? []);
        const namespace = this.namespaceFor(instance, policy);
        namespace.use((socket, next) => {
          // CORS does not cover WebSocket handshakes: check the browser's Origin here too, per namespace.
          const origin = socket.handshake.headers.origin;
          if (options.origins !== undefined && !policy.allowsRequest(origin).ok) {
            this.#logger.warn(
              { instance, origin, reason: 'origin not allowed' },
              'realtime connection refused',
            );
            next(new Error('origin not allowed'));
            return;
          }
          Promise.resolve(options.authenticate(socket))
            .then((identity) => {
              if (!identity) {
                next(new Error('unauthorized'));
                return;
              }
              socket.data.identity = identity;
              if (identity.agentId) void socket.join(agentRoom(identity.agentId));
              next();
            })
            .catch(() => next(new Error('unauthorized')));
        });
        return namespace;
      },
    };
  }

  /**
   * The socket.io namespace `/adapters/<instance>` on the daemon's server; `policy` joins the server's
   * own CORS. The namespace checks origins and identities itself (`BridgeServiceImpl`).
   */
  namespaceFor(instance: string, policy: OriginPolicy): Namespace {
    this.#refuseWhenUnbound();
    this.#used = true;
    this.#policies.push(policy);
    return this.#socketServer().of(`/adapters/${instance}`);
  }

  /** Runs once the server listens (adapters showing their routes as their state). */
  onListening(listener: () => void): void {
    if (this.#listening) listener();
    else this.#onListening.push(listener);
  }

  /**
   * The URL browsers reach the daemon at: `server.publicUrl`, else the bound address. Bound to every
   * interface (`0.0.0.0`, `::`), the machine's host name stands in for the address, since a browser on
   * another machine cannot use `0.0.0.0`; set `publicUrl` when that is not how agents reach it.
   */
  baseUrl(): string {
    if (this.#options.publicUrl) return this.#options.publicUrl.replace(/\/$/, '');
    const bound = this.#address ?? `http://${this.#options.host}:${this.#options.port}`;
    return bound.replace(/^http:\/\/(0\.0\.0\.0|\[::\])(?=:)/, `http://${hostname()}`);
  }

  /**
   * Binds the port now, before anything is mounted; `listen` then serves on it. Rejects with a
   * `SWB_LISTEN_FAILED` error (the port in use, …), which routes and namespaces are refused with from
   * then on, so an adapter that mounts one fails to start instead of running without its server.
   */
  async reserve(): Promise<void> {
    if (this.#unbound) throw this.#unbound;
    const server = this.app.server as ReservableServer;
    if (server.listening) return;
    try {
      await server.reserve(this.#options.host, this.#options.port);
    } catch (error) {
      this.#unbound = listenFailure('HTTP surface', this.#options.host, this.#options.port, error);
      throw this.#unbound;
    }
  }

  /**
   * Listens when an adapter mounted routes or a namespace (or `always`); resolves to the address. A
   * reserved port nothing was mounted on is let go.
   */
  async listen(always = false): Promise<string | undefined> {
    if (!this.#used && !always) {
      await this.#release();
      return undefined;
    }
    // An adapter wanted the server whose port could not be bound, even if it went on without it.
    if (this.#unbound) throw this.#unbound;
    try {
      await this.app.listen({ host: this.#options.host, port: this.#options.port });
    } catch (error) {
      throw listenFailure('HTTP surface', this.#options.host, this.#options.port, error);
    }
    this.#address = addressOf(this.app.server.address() as AddressInfo);
    this.#listening = true;
    this.#logger.info({ address: this.#address }, 'HTTP surface listening');
    for (const listener of this.#onListening.splice(0)) {
      try {
        listener();
      } catch (error) {
        this.#logger.error({ err: String(error) }, 'a listening hook failed');
      }
    }
    if (!this.#options.publicUrl && /^http:\/\/(0\.0\.0\.0|\[::\]):/.test(this.#address)) {
      this.#logger.warn(
        { assumed: this.baseUrl() },
        "server.publicUrl is not set: browser-facing URLs use this machine's host name; set publicUrl to how agents reach the daemon",
      );
    }
    return this.#address;
  }

  async close(): Promise<void> {
    this.#io?.disconnectSockets(true);
    await new Promise<void>((resolve) => (this.#io ? this.#io.close(() => resolve()) : resolve()));
    await this.#app?.close();
    await this.#release();
    this.#listening = false;
  }

  #refuseWhenUnbound(): void {
    if (!this.#unbound) return;
    this.#used = true;
    throw this.#unbound;
  }

  /** Closes a port bound by `reserve` that nothing listens on. */
  async #release(): Promise<void> {
    const server = this.#server;
    if (!server?.reserved) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #socketServer(): SocketServer {
    if (!this.#io) {
      this.#io = new (socketIo().Server)(this.app.server, {
        path: '/socket.io',
        serveClient: true,
        // engine.io closes a connection whose packet is larger than this, so browser bridges bound what
        // they forward well below it (at most 768 KiB as UTF-8 per message, say).
        maxHttpBufferSize: 1_000_000,
        cors: {
          origin: (origin, callback) =>
            callback(null, origin === undefined || this.#policies.some((p) => p.allowsRequest(origin).ok)),
          credentials: true,
        },
        ...(this.#options.realtimeAdapter ? { adapter: this.#options.realtimeAdapter } : {}),
      });
    }
    return this.#io;
  }
}

function addressOf(info: AddressInfo): string {
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  return `http://${host}:${info.port}`;
}
