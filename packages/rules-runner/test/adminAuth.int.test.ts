import { connect } from 'node:net';
import { join } from 'node:path';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir } from '@switchboard/test-support';
import { request } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures } from './runCli.js';

let daemon: DaemonProcess | undefined;
let dir: TempDir | undefined;
afterEach(async () => {
  await daemon?.stop('SIGKILL');
  await dir?.remove();
  daemon = undefined;
});

async function start(admin: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  dir = await tempDir();
  await dir.write(
    'rules.yaml',
    'rules:\n  - name: r\n    on: call.answered\n    do:\n      - wakeup: { url: "http://x/{{ call.id }}" }\n',
  );
  const config = await dir.write(
    'switchboard.yaml',
    `adapters:
  rec: { use: ${join(fixtures, 'recorder-adapter')}, options: { out: actions.ndjson } }
rules: [ rules.yaml ]
log: { format: json }
admin: ${admin}
`,
  );
  daemon = await spawnDaemon(config, { cwd: dir.path, env });
  return daemon.admin as string;
}

const status = async (url: string, headers: Record<string, string>) => {
  const res = await request(url, { headers });
  await res.body.text();
  return res.statusCode;
};

/** The status of a request sent as raw bytes: HTTP clients refuse to send some of these Host headers. */
const rawStatus = (port: string, path: string, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    );
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1])));
    socket.on('error', reject);
  });

describe('admin surface guard', () => {
  test('a malformed admin cookie is a missing token (401), never a server error', async () => {
    const token = 'admin-token-0123456789abcdef';
    const admin = await start('{ host: 0.0.0.0, token: "${ADMIN_TOKEN}" }', { ADMIN_TOKEN: token });
    const port = new URL(admin).port;
    const url = `http://127.0.0.1:${port}/api/instances`;
    for (const cookie of [
      'switchboard_admin=%E0%A4%A',
      'switchboard_admin=%',
      'switchboard_admin=%ZZ; other=1',
      `switchboard_admin=${token}%`,
    ]) {
      expect(await status(url, { cookie }), cookie).toBe(401);
    }
    expect(await status(url, { cookie: `switchboard_admin=${encodeURIComponent(token)}` })).toBe(200);
    expect(daemon?.logs.some((l) => l.level >= 50)).toBe(false);
  });

  test('on loopback, only a Host header that is a loopback name and a port passes (DNS rebinding)', async () => {
    const admin = await start('{}');
    const port = new URL(admin).port;
    for (const host of [
      `[::1]anything`,
      `[::1]:${port}x`,
      `[::1].evil.example`,
      `[::1]@evil.example`,
      `localhost.evil.example`,
      `127.0.0.1.nip.io:${port}`,
      `127.0.0.1:${port}:80`,
      `localhost:`,
      'evil.example',
      '[::1',
    ]) {
      expect(await rawStatus(port, '/readyz', host), host).toBe(421);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost', '[::1]']) {
      expect(await rawStatus(port, '/readyz', host), host).toBe(200);
    }
  });
});
