import { createAdapter } from '@socket.io/redis-adapter';
import type { RealtimeAdapterFactory } from '@switchboard/core/host';
import type { Redis } from 'ioredis';

export interface RedisRealtimeOptions {
  /** The deployment's key prefix (default `swb`): channels are `<prefix>#sio#…`. */
  readonly prefix?: string;
  /** How long a request to every node (`fetchSockets`, acknowledged emits) waits for answers (ms, default 2000). */
  readonly requestsTimeoutMs?: number;
}

/** socket.io's Redis adapter for core's HTTP surface, and the subscriber connection it opened. */
export interface RedisRealtime {
  /** `HttpSurfaceOptions.realtimeAdapter`. */
  readonly adapter: RealtimeAdapterFactory;
  /** Closes the subscriber connection (after the HTTP surface closed). */
  close(): Promise<void>;
}

/**
 * Lets the browser bridges of every node act as one: socket.io's Redis adapter (`@socket.io/redis-adapter`,
 * pub/sub) carries room emits, `fetchSockets()` and acknowledged emits between nodes, so an action for an
 * agent whose tab is connected to another node reaches it. Two connections are made from `connection`
 * (the backend's): the publisher queues nothing while Redis is away, the subscriber re-subscribes by
 * itself after a reconnection. Pub/sub rather than the streams adapter: a node that dies stops
 * counting at once (no heartbeat to time out) and nothing is replayed late; delivery is decided by the
 * event ledger and action markers, not by the transport.
 */
export function redisRealtimeAdapter(connection: Redis, options: RedisRealtimeOptions = {}): RedisRealtime {
  const pub = connection.duplicate({ lazyConnect: false });
  // The adapter sends its (P)SUBSCRIBE once, at start, and does not handle a failure: it must wait for a
  // connection however long Redis is away (no retry limit, no command timeout), or the node would never
  // hear the others. ioredis subscribes again by itself after later reconnections.
  const sub = connection.duplicate({
    lazyConnect: false,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
    enableAutoPipelining: false,
  });
  // The adapter publishes without awaiting: while Redis is away each publish rejects at once (no offline
  // queue), and an unhandled rejection would stop the daemon. The emit is lost, as it would be on any
  // broken transport; the bridge's request times out and the action fails, counted. Asking every node
  // (`fetchSockets`) reaches this node's tabs only until Redis is back.
  const publish = pub.publish.bind(pub) as (channel: string, message: string | Buffer) => Promise<number>;
  Object.defineProperty(pub, 'publish', {
    value: (channel: string, message: string | Buffer): Promise<number> => {
      const sent = publish(channel, message);
      sent.catch(() => undefined);
      return sent;
    },
  });
  // Errors are the connection's state (the backend's health reports it); unheard they would be printed.
  pub.on('error', () => undefined);
  sub.on('error', () => undefined);
  const make = createAdapter(pub, sub, {
    key: `${options.prefix ?? 'swb'}#sio`,
    requestsTimeout: options.requestsTimeoutMs ?? 2000,
  });
  // socket.io calls `new adapter(nsp)`, so this must be a function, not an arrow.
  // biome-ignore lint/complexity/useArrowFunction: constructed with `new` by socket.io
  const adapter = function (nsp: unknown) {
    const made = make(nsp);
    // socket.io's emit-with-ack asks `serverCount()` without handling its failure (an unhandled rejection
    // while Redis is away): counted as this node alone then, whose tabs still get the emit.
    const serverCount = made.serverCount.bind(made);
    made.serverCount = () => serverCount().catch(() => 1);
    return made;
  } as unknown as RealtimeAdapterFactory;
  return {
    adapter,
    close: async () => {
      await Promise.all([pub, sub].map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}
