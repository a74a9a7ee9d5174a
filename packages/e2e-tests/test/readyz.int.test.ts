import { SapiEmulator } from '@switchboard/adapter-8x8/testing';
import { spawnDaemon, tempDir, waitFor } from '@switchboard/test-support';
import { describe, expect, test } from 'vitest';

const token = 'sapi-token-readyz-42';

describe('/readyz follows the adapters', () => {
  test('not ready while the 8x8 emulator is down, ready again when it is back', async () => {
    const sapi = await SapiEmulator.start({ tenant: 'acme', token, clientCheckMs: 200 });
    const url = sapi.url;
    const port = Number(new URL(url).port);
    const dir = await tempDir();
    await dir.write('rules.yaml', 'rules: []\n');
    const config = await dir.write(
      'switchboard.yaml',
      `adapters:
  cc:
    use: "@switchboard/adapter-8x8"
    options:
      sapi: { tenant: acme, token: "\${SAPI_TOKEN}", baseUrl: "${url}", retry: { initialMs: 100, maxMs: 300 } }
rules: [ rules.yaml ]
allowNoRules: true
state: { dir: state }
log: { format: json }
`,
    );
    const daemon = await spawnDaemon(config, { cwd: dir.path, env: { SAPI_TOKEN: token } });
    const readyz = async () => {
      const response = await fetch(`${daemon.admin}/readyz`);
      return {
        status: response.status,
        body: (await response.json()) as { notReady: string[]; instances: { state: string }[] },
      };
    };
    try {
      await waitFor(async () => (await readyz()).status === 200, 'ready with the emulator up');

      await sapi.close();
      const down = await waitFor(async () => {
        const r = await readyz();
        return r.status === 503 ? r : undefined;
      }, 'not ready once the emulator is down');
      expect(down.body.notReady).toEqual(['cc']);
      expect(['connecting', 'disconnected']).toContain(down.body.instances[0]?.state);

      const back = await SapiEmulator.start({ tenant: 'acme', token, clientCheckMs: 200, port });
      try {
        const up = await waitFor(
          async () => {
            const r = await readyz();
            return r.status === 200 ? r : undefined;
          },
          'ready again when the emulator is back',
          15_000,
        );
        expect(up.body.notReady).toEqual([]);
        const metrics = await (await fetch(`${daemon.admin}/metrics`)).text();
        expect(metrics).toMatch(/switchboard_adapter_reconnects_total\{instance="cc"\} [1-9]/);
      } finally {
        await back.close();
      }
    } finally {
      await daemon.stop();
      await dir.remove();
    }
  });
});
