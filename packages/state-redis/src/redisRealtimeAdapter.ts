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
 * agent whose tab is connected to another node reaches it. Publishes go through `pub` (the backend's
 * connection: nothing is queued while Redis is away); the subscriber is a duplicate that re-subscribes
 * by itself after a reconnection. Pub/sub rather than the streams adapter: a node that dies stops
 * counting at once (no heartbeat to time out) and nothing is replayed late; delivery is decided by the
 * event ledger and action markers, not by the transport.
 */
export function redisRealtimeAdapter(pub: Redis, options: RedisRealtimeOptions = {}): RedisRealtime {
  const sub = pub.duplicate({ enableOfflineQueue: true, lazyConnect: false, enableAutoPipelining: false });
  // Errors are the connection's state (the backend's health tracks it); without a listener they would throw.
  sub.on('error', () => undefined);
  const adapter = createAdapter(pub, sub, {
    key: `${options.prefix ?? 'swb'}#sio`,
    requestsTimeout: options.requestsTimeoutMs ?? 2000,
  }) as RealtimeAdapterFactory;
  return {
    adapter,
    close: async () => {
      try {
        await sub.quit();
      } catch {
        sub.disconnect();
      }
    },
  };
}
