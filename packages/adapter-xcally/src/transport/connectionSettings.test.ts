import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOptions } from '@switchboard/core/host';
import { describe, expect, it } from 'vitest';
import { xcallyAdapter } from '../manifest.js';
import type { XcallyOptions } from '../options.js';
import { connectionSettings, readCaFile } from './connectionSettings.js';

const options = (value: Record<string, unknown>): XcallyOptions => {
  const checked = checkOptions(xcallyAdapter, value);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.options as XcallyOptions;
};

describe('connectionSettings', () => {
  it('applies the defaults: auto, /socket.io, polling then websocket, verified TLS', () => {
    const settings = connectionSettings(options({ url: 'https://localhost:8888/' }), undefined);
    expect(settings).toMatchObject({
      protocol: 'auto',
      where: 'https://localhost:8888',
      backoff: { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 },
      client: {
        url: 'https://localhost:8888',
        path: '/socket.io',
        transports: ['polling', 'websocket'],
        rejectUnauthorized: true,
        timeoutMs: 10_000,
      },
    });
  });

  it('sends the token in the query (2.x servers) and the auth payload (4.x), and appends the namespace', () => {
    const settings = connectionSettings(
      options({ url: 'http://h:1', token: 'secret', query: { site: 'a' }, namespace: '/cti' }),
      'PEM',
    );
    expect(settings.client).toMatchObject({
      url: 'http://h:1/cti',
      query: { site: 'a', token: 'secret' },
      auth: { token: 'secret' },
      ca: 'PEM',
    });
    expect(settings.probe).toMatchObject({
      serverUrl: 'http://h:1',
      query: { site: 'a', token: 'secret' },
      ca: 'PEM',
    });
    expect(settings.where).toBe('http://h:1');
  });

  it('keeps credentials of the URL out of `where`', () => {
    expect(connectionSettings(options({ url: 'https://u:p@h:8888' }), undefined).where).toBe(
      'https://h:8888',
    );
  });
});

describe('readCaFile', () => {
  it('reads a PEM file relative to the config folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xcally-ca-'));
    await writeFile(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n');
    expect(await readCaFile(dir, 'ca.pem')).toContain('BEGIN CERTIFICATE');
    expect(await readCaFile(dir, undefined)).toBeUndefined();
  });

  it('names the file when it is missing or holds no certificate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xcally-ca-'));
    await expect(readCaFile(dir, 'nope.pem')).rejects.toThrow(
      `tls.ca: cannot read the CA file ${join(dir, 'nope.pem')}`,
    );
    await writeFile(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\n');
    await expect(readCaFile(dir, 'key.pem')).rejects.toThrow('holds no PEM certificate');
  });
});
