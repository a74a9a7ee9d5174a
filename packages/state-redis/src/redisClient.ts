import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';
import { acquireScript, batchScript, readScript, releaseScript, renewScript } from './luaScripts.js';

/** Where Redis is and how to reach it. */
export interface RedisConnectionOptions {
  /** `redis://[:password@]host:port/db` or `rediss://…` (TLS). With `sentinels`, only its password and db count. */
  readonly url: string;
  /** CA certificate (PEM text, or a path to it) a `rediss://` server's certificate is checked against. */
  readonly ca?: string;
  /** Sentinels to ask for the current primary of `name`, instead of the url's host. */
  readonly sentinels?: readonly { readonly host: string; readonly port: number }[];
  /** The primary's name at the sentinels (default `mymaster`). */
  readonly name?: string;
  /** A command without an answer after this long fails (ms, default 2000): a hung Redis counts as down. */
  readonly commandTimeoutMs?: number;
  /** Connecting gives up after this long (ms, default 5000), then retries. */
  readonly connectTimeoutMs?: number;
}

/** The longest pause between two reconnection attempts (ms). */
export const maxReconnectDelayMs = 2000;

/** The ioredis client with the scripts the backend and the lease manager run. */
export interface SwitchboardRedis extends Redis {
  swbBatch(keyCount: number, ...keysAndArgs: string[]): Promise<string[]>;
  swbRead(key: string): Promise<unknown>;
  swbLeaseAcquire(lease: string, fence: string, node: string, ttlMs: number): Promise<number>;
  swbLeaseRenew(lease: string, value: string, ttlMs: number): Promise<number>;
  swbLeaseRelease(lease: string, value: string): Promise<number>;
}

/**
 * The ioredis options every Switchboard connection uses: fail fast rather than queue (a write queued while
 * Redis is away would land late, after another node acted: pops doubled), pipeline what one turn sends,
 * reconnect forever with a pause that grows to `maxReconnectDelayMs`.
 */
export function redisOptions(options: RedisConnectionOptions): RedisOptions {
  const url = new URL(options.url);
  const tls = url.protocol === 'rediss:';
  const ca = options.ca === undefined ? undefined : pem(options.ca);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  const common: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 10), maxReconnectDelayMs),
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    lazyConnect: true,
    db,
    ...(password === undefined ? {} : { password }),
    ...(username === undefined ? {} : { username }),
  };
  const tlsOptions = tls ? { tls: { ...(ca === undefined ? {} : { ca }), servername: url.hostname } } : {};
  if (options.sentinels && options.sentinels.length > 0) {
    return {
      ...common,
      sentinels: options.sentinels.map((s) => ({ host: s.host, port: s.port })),
      name: options.name ?? 'mymaster',
      ...(tls ? { enableTLSForSentinelMode: true, ...tlsOptions } : {}),
    };
  }
  return { ...common, host: url.hostname, port: url.port === '' ? 6379 : Number(url.port), ...tlsOptions };
}

/** A client (not yet connected: `connect()` it) with Switchboard's scripts defined. */
export function createRedisClient(options: RedisConnectionOptions): SwitchboardRedis {
  const client = new Redis(redisOptions(options));
  client.defineCommand('swbBatch', { lua: batchScript });
  client.defineCommand('swbRead', { lua: readScript, numberOfKeys: 1 });
  client.defineCommand('swbLeaseAcquire', { lua: acquireScript, numberOfKeys: 2 });
  client.defineCommand('swbLeaseRenew', { lua: renewScript, numberOfKeys: 1 });
  client.defineCommand('swbLeaseRelease', { lua: releaseScript, numberOfKeys: 1 });
  return client as SwitchboardRedis;
}

/** PEM text as is; anything else is a path to read it from. */
function pem(value: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}
