import { startRedis } from '@switchboard/test-support';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { RedisStateBackend } from '../src/index.js';
import { freshPrefix } from './support.js';

/** A fresh self-signed certificate for 127.0.0.1 / localhost (its own CA). */
async function certificate(): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

describe('Redis with a password and TLS (rediss://)', () => {
  it('stores through TLS with the password from the url, checking the server against `ca`', async () => {
    const tls = await certificate();
    const redis = await startRedis({ password: 'p@ss word', tls });
    try {
      expect(redis.url).toMatch(/^rediss:\/\/:p%40ss%20word@127\.0\.0\.1:\d+$/);
      const backend = new RedisStateBackend({ url: redis.url, ca: tls.cert, prefix: freshPrefix() });
      await backend.open();
      try {
        await backend.namespace('pbx').set('k', { over: 'tls' });
        expect(await backend.namespace('pbx').get('k')).toEqual({ over: 'tls' });
      } finally {
        await backend.close();
      }

      const other = await certificate();
      const untrusted = new RedisStateBackend({ url: redis.url, ca: other.cert, connectTimeoutMs: 2000 });
      await expect(untrusted.open()).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
      await untrusted.close();

      const wrongPassword = new RedisStateBackend({
        url: redis.url.replace('p%40ss%20word', 'nope'),
        ca: tls.cert,
        connectTimeoutMs: 2000,
      });
      await expect(wrongPassword.open()).rejects.toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
      await wrongPassword.close();
    } finally {
      await redis.close();
    }
  });
});
