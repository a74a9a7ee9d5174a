import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rulesRunnerBin, spawnDaemon, type TempDir, tempDir } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packageDir } from './support/startXucmgtDaemon.js';

const run = promisify(execFile);
const secret = 'Xk3-9aQ_pL7.vM2~wR8zT4';
const warning =
  /switchboard\.yaml:\d+:\d+ `xucmgt`: the XucMgt web service is reachable beyond this machine \(server\.host ([^)]+)\) and has no `secret`.* \[SWB_PLUGIN_UNSAFE\] \(warning\)/;

let dir: TempDir;

async function writeConfig(server: string, options: object): Promise<string> {
  await dir.write(
    'rules.yaml',
    'rules:\n  - name: open-nothing\n    on: call.offered\n    do:\n      - thirdPartyOpen: { action: none }\n',
  );
  return dir.write(
    'switchboard.yaml',
    [
      'adapters:',
      '  xucmgt:',
      `    use: ${JSON.stringify(packageDir)}`,
      `    options: ${JSON.stringify({ allowedOrigins: ['https://xucmgt.example'], ...options })}`,
      `server: ${server}`,
      'rules: ["rules.yaml"]',
      'state: { dir: state }',
      '',
    ].join('\n'),
  );
}

async function validate(server: string, options: object): Promise<{ code: number; out: string }> {
  const config = await writeConfig(server, options);
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [rulesRunnerBin(), 'validate', '--config', config],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(async () => {
  dir = await tempDir('switchboard-xucmgt-exposure-');
});
afterAll(async () => {
  await dir?.remove();
});

describe('a web service reachable beyond loopback without `secret` is called out', () => {
  test.each([
    ['{ host: 0.0.0.0, port: 8787 }', '0.0.0.0'],
    ['{ host: "::", port: 8787 }', '::'],
    ['{ host: 127.0.0.1, port: 8787, publicUrl: "https://switchboard.example" }', '127.0.0.1'],
  ])('validate warns for server %s, and still passes', async (server, host) => {
    const { code, out } = await validate(server, {});
    expect(code).toBe(0);
    expect(out).toMatch(warning);
    expect(warning.exec(out)?.[1]).toBe(host);
  });

  test.each([
    ['{ host: 127.0.0.1, port: 8787 }', {}],
    ['{ host: localhost, port: 8787 }', {}],
    ['{ host: 0.0.0.0, port: 8787 }', { secret }],
  ])('no warning for server %s with options %j', async (server, options) => {
    const { code, out } = await validate(server, options);
    expect(code).toBe(0);
    expect(out).not.toContain('SWB_PLUGIN_UNSAFE');
  });

  test('start prints it too, before the daemon is ready (bound to loopback, reached through a public URL)', async () => {
    const config = await writeConfig(
      '{ host: 127.0.0.1, port: 0, publicUrl: "https://switchboard.example" }',
      {},
    );
    const daemon = await spawnDaemon(config, { cwd: dir.path });
    try {
      expect(daemon.stderr()).toMatch(warning);
      const noSecret = daemon.logs.find((l) => l.level === 40 && String(l.msg).startsWith('no `secret` set'));
      expect(noSecret).toBeDefined();
    } finally {
      await daemon.stop();
    }
  });
});
