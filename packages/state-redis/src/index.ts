export { type LeaseTiming, RedisLeaseManager } from './RedisLeaseManager.js';
export { type RedisHealth, RedisStateBackend, type RedisStateOptions } from './RedisStateBackend.js';
export { type Fence, RedisStateStore } from './RedisStateStore.js';
export {
  createRedisClient,
  type RedisConnectionOptions,
  redisOptions,
  type SwitchboardRedis,
} from './redisClient.js';
export {
  type RedisRealtime,
  type RedisRealtimeOptions,
  redisRealtimeAdapter,
} from './redisRealtimeAdapter.js';
