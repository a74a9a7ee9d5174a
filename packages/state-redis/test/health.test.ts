import { performance } from 'node:perf_hooks';
import { type RedisProcess, startRedis, waitFor } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateBackend } from '../src/index.js';
import { freshPrefix } from './support.js';

let redis: RedisProcess;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.close();
});

describe('Redis going away and coming back', () => {
  it('reports down at once, fails writes instead of queueing them, and reports up again', async () => {
    const backend = new RedisStateBackend({ url: redis.url, prefix: freshPrefix(), node: 'n1' });
    const changes: boolean[] = [];
    backend.onHealth((up) => changes.push(up));
    await backend.open();
    try {
      const store = backend.namespace('pbx');
      expect(backend.health.up).toBe(true);
      await backend.ping();
      await store.set('before', 1);

      await redis.stop();
      await waitFor(() => !backend.health.up, 'the backend to report Redis down', 2000);
      expect(backend.health.detail).toBeTruthy();
      const startedAt = performance.now();
      await expect(store.set('during', 2)).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
      await expect(store.setIfAbsent('evt/1', 'x')).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
      await expect(store.get('before')).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
      await expect(backend.ping()).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
      expect(performance.now() - startedAt).toBeLessThan(1000);

      await redis.start();
      await waitFor(() => backend.health.up, 'the backend to report Redis up', 10_000);
      await backend.ping();
      // The server restarted empty (no persistence here); what matters: the refused writes were not
      // kept aside and sent now that Redis is back.
      await store.set('after', 3);
      expect(await store.get('after')).toBe(3);
      expect(await store.get('during')).toBeUndefined();
      expect(await store.get('evt/1')).toBeUndefined();
      expect(changes).toEqual([true, false, true]);
    } finally {
      await backend.close();
    }
  });

  it('counts a Redis that stops answering (connection still open) as down, and up once it answers again', async () => {
    const backend = new RedisStateBackend({ url: redis.url, prefix: freshPrefix(), commandTimeoutMs: 300 });
    await backend.open();
    const pid = redis.pid as number;
    try {
      const store = backend.namespace('pbx');
      process.kill(pid, 'SIGSTOP');
      await expect(store.set('k', 1)).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
      expect(backend.health.up).toBe(false);
      expect(backend.health.detail).toMatch(/timed out/i);
      process.kill(pid, 'SIGCONT');
      await waitFor(() => backend.health.up, 'the backend to see Redis answer again', 10_000);
      await store.set('k', 2);
      expect(await store.get('k')).toBe(2);
    } finally {
      process.kill(pid, 'SIGCONT');
      await backend.close();
    }
  });

  it('opens on a later try once Redis is there (a daemon retrying at start-up)', async () => {
    await redis.stop();
    const backend = new RedisStateBackend({ url: redis.url, prefix: freshPrefix(), connectTimeoutMs: 1000 });
    try {
      await expect(backend.open()).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
      expect(backend.health.up).toBe(false);
      await redis.start();
      expect(await backend.open()).toEqual({ fresh: true });
      expect(backend.health.up).toBe(true);
      await backend.namespace('pbx').set('k', 1);
      expect(await backend.namespace('pbx').get('k')).toBe(1);
    } finally {
      await backend.close();
      if (redis.pid === undefined) await redis.start();
    }
  });

  it('fails to open with SWB_STATE_UNAVAILABLE when Redis cannot be reached', async () => {
    const other = await startRedis();
    const url = other.url;
    await other.close();
    const backend = new RedisStateBackend({ url, prefix: freshPrefix(), connectTimeoutMs: 1000 });
    await expect(backend.open()).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
    await backend.close();
  });
});
