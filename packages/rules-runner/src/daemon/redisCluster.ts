import { resolve } from 'node:path';
import { type SourceDocument, SwitchboardError } from '@switchboard/core';
import type { LeaseManager, RealtimeAdapterFactory, StateBackend } from '@switchboard/core/host';
import type { RedisStateConfig } from '../config/DaemonConfig.js';

/** The package `state.redis` needs; optional, so a single daemon does not install ioredis. */
export const redisPackage = '@switchboard/state-redis';

/** What the daemon uses of `@switchboard/state-redis`. */
export interface RedisStateModule {
  readonly RedisStateBackend: new (options: {
    readonly url: string;
    readonly ca?: string;
    readonly sentinels?: readonly { readonly host: string; readonly port: number }[];
    readonly name?: string;
    readonly prefix?: string;
    readonly node?: string;
  }) => StateBackend & {
    leases(timing: { readonly ttlMs: number; readonly renewEveryMs: number }): LeaseManager;
    readonly client: unknown;
  };
  redisRealtimeAdapter(
    client: never,
    options: { readonly prefix?: string },
  ): { readonly adapter: RealtimeAdapterFactory; close(): Promise<void> };
}

/** The parts of a node that shares its state with others. */
export interface ClusterParts {
  readonly state: StateBackend;
  readonly leases: LeaseManager;
  /** socket.io's cross-node adapter for the bridges (`HttpSurfaceOptions.realtimeAdapter`). */
  readonly realtimeAdapter?: RealtimeAdapterFactory;
  /** After the HTTP surface closed. */
  close(): Promise<void>;
  readonly warmWindowMs: number;
  /** Where the state is, for the start-up log line: no password. */
  readonly where: string;
}

/**
 * Loads `@switchboard/state-redis` (at `prepare`, so `validate` says it is missing): a clear, positioned
 * error when it is not installed, rather than a stack trace at start-up.
 */
export async function loadRedisModule(
  document: SourceDocument,
  packageName = redisPackage,
): Promise<{ readonly module?: RedisStateModule; readonly error?: SwitchboardError }> {
  try {
    return { module: (await import(packageName)) as RedisStateModule };
  } catch (error) {
    const missing =
      (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' &&
      String((error as Error).message).includes(packageName);
    const message = missing
      ? `\`state.redis\` needs the package ${packageName}, which is not installed: run \`npm install ${packageName}\` where @switchboard/rules-runner is installed (or use \`state.dir\` for a single daemon)`
      : `${packageName} could not be loaded: ${(error as Error).message}`;
    return {
      error: document.error('SWB_STATE_BACKEND', message, ['state', 'redis'], { key: true, cause: error }),
    };
  }
}

/** Builds the Redis backend, this node's leases and the bridges' adapter from the config. */
export function redisCluster(
  module: RedisStateModule,
  redis: RedisStateConfig,
  options: { readonly node: string; readonly configDir: string },
): ClusterParts {
  const state = new module.RedisStateBackend({
    url: redis.url,
    ...(redis.ca !== undefined ? { ca: resolve(options.configDir, redis.ca) } : {}),
    ...(redis.sentinels ? { sentinels: redis.sentinels } : {}),
    ...(redis.name !== undefined ? { name: redis.name } : {}),
    prefix: redis.prefix,
    node: options.node,
  });
  const leases = state.leases(redis.lease);
  const realtime = module.redisRealtimeAdapter(state.client as never, { prefix: redis.prefix });
  return {
    state,
    leases,
    realtimeAdapter: realtime.adapter,
    close: () => realtime.close(),
    warmWindowMs: redis.warmWindowMs,
    where: redisWhere(redis),
  };
}

/** `redis://host:port/db (prefix swb)`, or the sentinels: never the password. */
export function redisWhere(redis: RedisStateConfig): string {
  const url = URL.parse(redis.url);
  const db = url && url.pathname.length > 1 ? url.pathname : '';
  const at = redis.sentinels
    ? `sentinels ${redis.sentinels.map((s) => `${s.host}:${s.port}`).join(', ')} (primary ${redis.name})`
    : `${url?.protocol ?? 'redis:'}//${url?.host ?? '?'}${db}`;
  return `Redis at ${at}, prefix ${redis.prefix}`;
}
