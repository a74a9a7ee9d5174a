import { stateStoreConformance } from '@switchboard/core/testing';
import { type RedisProcess, startRedis } from '@switchboard/test-support';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { RedisStateBackend } from '../src/index.js';
import { afterClock, freshPrefix, inspector, RedisTimeClock } from './support.js';

let redis: RedisProcess;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.close();
});

stateStoreConformance({ describe, it, afterEach }, 'Redis', async () => {
  const prefix = freshPrefix();
  const client = inspector(redis.url);
  const clock = new RedisTimeClock(client, prefix);
  const backend = new RedisStateBackend({ url: redis.url, prefix, clock, node: 'n1' });
  await backend.open();
  return {
    store: afterClock(backend.namespace('conformance'), clock),
    clock,
    close: async () => {
      await backend.close();
      await client.quit();
    },
  };
});
