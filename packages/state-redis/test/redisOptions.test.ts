import { describe, expect, it } from 'vitest';
import { redisOptions } from '../src/index.js';

describe('the ioredis options of every Switchboard connection', () => {
  it('fails fast instead of queueing, pipelines, and reconnects forever at most 2 s apart', () => {
    const options = redisOptions({ url: 'redis://127.0.0.1:6390/2' });
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 6390,
      db: 2,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
      commandTimeout: 2000,
      lazyConnect: true,
    });
    expect(options.tls).toBeUndefined();
    const delays = Array.from({ length: 30 }, (_, i) => options.retryStrategy?.(i + 1));
    expect(delays.every((d) => typeof d === 'number' && d > 0 && d <= 2000)).toBe(true);
    expect(delays.at(-1)).toBe(2000);
  });

  it('takes the password and user from the url (decoded) and TLS from rediss://, with the CA given', () => {
    const options = redisOptions({
      url: 'rediss://swb:p%40ss@redis.internal:6380',
      ca: '-----BEGIN CERTIFICATE-----\nx',
    });
    expect(options).toMatchObject({
      username: 'swb',
      password: 'p@ss',
      host: 'redis.internal',
      port: 6380,
      db: 0,
    });
    expect(options.tls).toEqual({ ca: '-----BEGIN CERTIFICATE-----\nx', servername: 'redis.internal' });
  });

  it('asks the sentinels for the primary when given', () => {
    const options = redisOptions({
      url: 'redis://:pw@ignored:1/1',
      sentinels: [{ host: 's1', port: 26379 }],
      name: 'main',
    });
    expect(options).toMatchObject({
      sentinels: [{ host: 's1', port: 26379 }],
      name: 'main',
      password: 'pw',
      db: 1,
    });
    expect(options.host).toBeUndefined();
  });
});
