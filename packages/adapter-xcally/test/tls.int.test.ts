import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnDaemon, type TempDir, tempDir } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmulatorProfile,
  generateSelfSignedCertificate,
  type SelfSignedCertificate,
  XcallyEmulator,
} from '../src/testing/index.js';
import { ConnectionHarness } from './support/connectionHarness.js';
import { upPayload, writeConfig } from './support/daemonConfig.js';
import { commands, settle } from './support/markers.js';

let certificate: SelfSignedCertificate;
let dir: TempDir;

beforeAll(async () => {
  certificate = await generateSelfSignedCertificate();
  dir = await tempDir('xcally-tls-');
  await mkdir(join(dir.path, 'certs'));
  await dir.write('certs/xcally-ca.pem', certificate.cert);
});

afterAll(() => dir?.remove());

async function tlsEmulator(profile: EmulatorProfile): Promise<XcallyEmulator> {
  return XcallyEmulator.start({ profile, tls: certificate });
}

describe.each<EmulatorProfile>(['v2', 'v4'])('TLS with a self-signed certificate (%s profile)', (profile) => {
  it('works with the certificate as `tls.ca`, a path relative to the config', async () => {
    const emulator = await tlsEmulator(profile);
    const config = await writeConfig(dir, {
      url: emulator.url,
      extra: '      tls: { ca: certs/xcally-ca.pem }',
    });
    const daemon = await spawnDaemon(config, { cwd: dir.path });
    try {
      expect(emulator.url).toMatch(/^https:/);
      await daemon.waitForLog((l) => l.msg.startsWith('connected to xcally-realtime'), 'the TLS connection');
      emulator.emit(upPayload('1599603000.1', 'Sales', { ordernumber: 'tls' }));
      await settle(emulator, ['1599603000.1']);
      expect(commands(emulator, 'AgentCTI')).toEqual([
        { url: 'http://webservice1/sales?ordernumber=tls', peer: 'SIP/andrea.bianco', mode: 'new_frame' },
      ]);
    } finally {
      await daemon.stop();
      await emulator.close();
    }
  });
});

describe('TLS failures', () => {
  it('without a CA the daemon logs a clear error, marks the adapter failed, and keeps running', async () => {
    const emulator = await tlsEmulator('v2');
    const daemon = await spawnDaemon(await writeConfig(dir, { url: emulator.url }), { cwd: dir.path });
    try {
      const error = await daemon.waitForLog((l) => l.msg.startsWith('TLS: '), 'the TLS error');
      expect(error.level).toBe(50);
      expect(error.msg).toBe(
        `TLS: cannot trust xcally-realtime at ${emulator.url} (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate). Give the CA or the self-signed certificate of xcally-realtime as \`tls.ca\` (a PEM file, relative to the config), or set \`tls.rejectUnauthorized: false\` for this connection.`,
      );
      await daemon.waitForLog((l) => l.msg === 'adapter xcally failed', 'the failed state');
      emulator.emit(upPayload('1599603000.2', 'Sales'));
      await new Promise((r) => setTimeout(r, 200));
      expect(emulator.received()).toEqual([]);
      expect(daemon.process.exitCode).toBeNull();
    } finally {
      await daemon.stop();
      await emulator.close();
    }
  });

  it('a CA file that cannot be read stops the daemon at start, naming the file', async () => {
    const config = await writeConfig(dir, {
      url: 'https://127.0.0.1:9',
      extra: '      tls: { ca: certs/missing.pem }',
    });
    await expect(spawnDaemon(config, { cwd: dir.path })).rejects.toThrow(
      /failed to start: tls\.ca: cannot read the CA file .*certs\/missing\.pem: ENOENT/,
    );
  });

  it('`tls.rejectUnauthorized: false` accepts the certificate for this connection', async () => {
    const emulator = await tlsEmulator('v4');
    const harness = new ConnectionHarness();
    try {
      harness.start({ url: emulator.url, tls: { rejectUnauthorized: false } });
      await harness.waitForState('connected');
    } finally {
      await harness.stop();
      await emulator.close();
    }
  });
});
