import type { Logger } from 'pino';
import type { Namespace, RemoteSocket, Socket } from 'socket.io';
import type { AdapterEvents } from '../contract/AdapterEvents.js';
import type {
  BridgeConnection,
  BridgeIdentity,
  BridgeRef,
  BridgeService,
  BridgeSpec,
} from '../contract/Bridge.js';
import { describeError, SwitchboardError } from '../errors/index.js';
import type { Metrics } from '../observe/Metrics.js';
import type { OriginPolicy } from '../origins/OriginPolicy.js';
import { newestBridge } from './newestBridge.js';

export const bridgeRoom = (address: string): string => `agent:${address}`;

export interface BridgeServiceDeps {
  readonly instance: string;
  readonly events: AdapterEvents;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The instance shows its bridges as its state (no client connection reports one). */
  readonly reportsState: () => boolean;
}

interface SocketData {
  identity?: BridgeIdentity;
  address?: string;
}

/** What local and remote sockets share for an acknowledged emit. */
interface AckTarget {
  timeout(ms: number): { emitWithAck(message: string, ...args: unknown[]): Promise<unknown> };
}

type AnySocket = Socket | RemoteSocket<Record<string, never>, SocketData>;

/**
 * One instance's bridges on its namespace: origin check, the adapter's `authenticate`, a room per
 * address, asks to the newest bridge of an address with an acknowledgement, counts and state.
 */
export class BridgeServiceImpl<I extends BridgeIdentity> implements BridgeService<I> {
  readonly #namespace: Namespace;
  readonly #spec: BridgeSpec<I>;
  readonly #deps: BridgeServiceDeps;
  readonly #policy: OriginPolicy;

  constructor(namespace: Namespace, spec: BridgeSpec<I>, policy: OriginPolicy, deps: BridgeServiceDeps) {
    this.#namespace = namespace;
    this.#spec = spec;
    this.#policy = policy;
    this.#deps = deps;
    namespace.use((socket, next) => {
      this.#admit(socket).then(
        (refusal) => next(refusal === undefined ? undefined : new Error(refusal)),
        (error: unknown) => {
          deps.logger.error({ err: describeError(error) }, 'authenticating a bridge failed');
          next(new Error('unauthorized'));
        },
      );
    });
    namespace.on('connection', (socket) => this.#connected(socket));
  }

  get counts(): { readonly bridges: number; readonly addresses: number } {
    const addresses = new Set<string>();
    for (const socket of this.#namespace.sockets.values()) {
      const address = (socket.data as SocketData).address;
      if (address !== undefined) addresses.add(address);
    }
    return { bridges: this.#namespace.sockets.size, addresses: addresses.size };
  }

  identitiesOf(address: string): readonly I[] {
    return [...this.#namespace.sockets.values()]
      .filter((s) => (s.data as SocketData).address === address)
      .sort((a, b) => a.handshake.issued - b.handshake.issued)
      .map((s) => (s.data as SocketData).identity as I);
  }

  async newest(address: string): Promise<BridgeRef | undefined> {
    const socket = newestBridge(await this.#fetch(address));
    return socket && refOf(socket, address);
  }

  async bridgesOf(address: string): Promise<readonly BridgeRef[]> {
    return (await this.#fetch(address)).map((socket) => refOf(socket, address));
  }

  async ask<T = unknown>(
    address: string,
    message: string,
    payload: unknown,
    options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
  ): Promise<T> {
    const bridge = newestBridge(await this.#fetch(address));
    if (!bridge) {
      throw new SwitchboardError('SWB_BRIDGE_NONE', `\`${address}\` has no connected bridge`);
    }
    options.signal?.throwIfAborted();
    // A bridge of this node is watched for a disconnect, which fails the ask at once; one on another node
    // (through the cross-node adapter) can only time out.
    const local = this.#namespace.sockets.get(bridge.id);
    const cleanups: (() => void)[] = [];
    const stops: Promise<never>[] = [];
    if (local) {
      stops.push(
        new Promise<never>((_, reject) => {
          const gone = (reason: string): void =>
            reject(
              new SwitchboardError(
                'SWB_BRIDGE_GONE',
                `the bridge of \`${address}\` disconnected (${reason}) before it acknowledged \`${message}\``,
              ),
            );
          local.once('disconnect', gone);
          cleanups.push(() => local.off('disconnect', gone));
        }),
      );
    }
    const signal = options.signal;
    if (signal) {
      stops.push(
        new Promise<never>((_, reject) => {
          const aborted = (): void => reject(signal.reason);
          signal.addEventListener('abort', aborted, { once: true });
          cleanups.push(() => signal.removeEventListener('abort', aborted));
        }),
      );
    }
    const target = (local ?? bridge) as unknown as AckTarget;
    const reply = target
      .timeout(options.timeoutMs)
      .emitWithAck(message, payload)
      .catch((error: unknown) => {
        throw new SwitchboardError(
          'SWB_BRIDGE_TIMEOUT',
          `the bridge of \`${address}\` did not acknowledge \`${message}\` within ${options.timeoutMs} ms`,
          { cause: error },
        );
      });
    try {
      return (await Promise.race([reply, ...stops])) as T;
    } finally {
      reply.catch(() => undefined);
      for (const cleanup of cleanups) cleanup();
    }
  }

  /** Closes this node's bridges' transports; their clients reconnect (to the next daemon). */
  close(): void {
    for (const socket of this.#namespace.sockets.values()) socket.conn.close();
    this.#namespace.removeAllListeners();
  }

  #fetch(address: string): Promise<RemoteSocket<Record<string, never>, SocketData>[]> {
    return this.#namespace.in(bridgeRoom(address)).fetchSockets() as Promise<
      RemoteSocket<Record<string, never>, SocketData>[]
    >;
  }

  /** Why a connecting socket is refused (`origin not allowed`, `unauthorized`), or undefined. */
  async #admit(socket: Socket): Promise<string | undefined> {
    const { events, logger } = this.#deps;
    const origin = socket.handshake.headers.origin;
    const remote = socket.handshake.address;
    const check = this.#policy.allowsSocket(origin);
    if (!check.ok) {
      events.reject('bridge-refused', { problem: check.reason, origin, address: remote });
      logger.warn({ origin, address: remote, reason: check.reason }, 'bridge refused: origin not allowed');
      return 'origin not allowed';
    }
    const result = await this.#spec.authenticate({
      auth: (socket.handshake.auth ?? {}) as Record<string, unknown>,
      origin: origin as string,
      address: remote,
      headers: socket.handshake.headers,
    });
    if ('refuse' in result && typeof result.refuse === 'string') {
      events.reject('bridge-refused', { problem: result.refuse, origin, address: remote });
      return 'unauthorized';
    }
    const identity = result as I;
    const address = this.#spec.addressOf ? this.#spec.addressOf(identity) : identity.agentId;
    const data = socket.data as SocketData;
    data.identity = identity;
    if (address !== undefined) {
      data.address = address;
      await socket.join(bridgeRoom(address));
    }
    return undefined;
  }

  #connected(socket: Socket): void {
    const data = socket.data as SocketData;
    const { logger } = this.#deps;
    const bridge: BridgeConnection<I> = {
      id: socket.id,
      identity: data.identity as I,
      address: data.address,
      since: socket.handshake.issued,
      origin: String(socket.handshake.headers.origin),
      remoteAddress: socket.handshake.address,
      on: (message, handler) => {
        socket.on(message, (...args: unknown[]) => {
          const ack =
            typeof args.at(-1) === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
          Promise.resolve()
            .then(() => handler(args[0]))
            .then(
              (reply) => ack?.(reply),
              (error: unknown) => {
                logger.error(
                  { message, err: describeError(error), bridge: socket.id },
                  'a bridge message handler failed',
                );
                ack?.({ ok: false, error: 'internal error' });
              },
            );
        });
      },
      emit: (message, payload) => void socket.emit(message, payload),
      onAny: (listener) => void socket.onAny((message: unknown) => listener(String(message))),
      onClose: (listener) => void socket.on('disconnect', (reason) => listener(String(reason))),
    };
    socket.on('disconnect', () => this.report());
    this.report();
    try {
      this.#spec.connected?.(bridge);
    } catch (error) {
      logger.error({ err: describeError(error), bridge: socket.id }, 'setting up a bridge failed');
    }
  }

  /** Shows the counts (gauge), and the instance's state when no client connection shows one. */
  report(): void {
    const { bridges, addresses } = this.counts;
    this.#deps.metrics.bridgesConnected.set({ instance: this.#deps.instance }, bridges);
    if (!this.#deps.reportsState()) return;
    const identities = [...this.#namespace.sockets.values()].map((s) => (s.data as SocketData).identity as I);
    const failure = this.#spec.failure?.(identities);
    if (failure !== undefined) this.#deps.events.setState('failed', failure);
    else this.#deps.events.setState('listening', `${bridges} bridge(s) connected, ${addresses} agent(s)`);
  }
}

function refOf(socket: AnySocket, address: string): BridgeRef {
  const origin = socket.handshake.headers.origin;
  return {
    id: socket.id,
    address,
    since: socket.handshake.issued,
    origin: typeof origin === 'string' ? origin : undefined,
    remoteAddress: socket.handshake.address,
  };
}
