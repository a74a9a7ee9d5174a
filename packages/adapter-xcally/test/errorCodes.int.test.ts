import { type DaemonProcess, spawnDaemon, type TempDir, tempDir } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XcallyEmulator } from '../src/testing/index.js';
import { adapterPath } from './support/daemonConfig.js';

/** When xcally-realtime goes away, a rule tries to pop a page anyway; its failure is reported as such. */
const rules = `rules:
  - name: popup-while-away
    on: adapter.disconnected
    from: xcally
    do:
      - wakeup: { url: "http://crm.example/away", peer: SIP/andrea.bianco }
  - name: report-failure
    on: action.failed
    do:
      - log: { message: "failed with {{ vars.failure.code }}", level: warn }
`;

describe('an adapter error code through the real daemon', () => {
  let dir: TempDir;
  let emulator: XcallyEmulator;
  let daemon: DaemonProcess;

  beforeAll(async () => {
    dir = await tempDir('xcally-codes-');
    emulator = await XcallyEmulator.start({ profile: 'v4' });
    await dir.write('rules.yaml', rules);
    const config = await dir.write(
      'switchboard.yaml',
      `adapters:
  xcally:
    use: ${JSON.stringify(adapterPath)}
    options:
      url: ${JSON.stringify(emulator.url)}
      protocol: v4
      connectTimeoutMs: 2000
      reconnect: { initialMs: 200, maxMs: 1000 }
rules: ["rules.yaml"]
log: { level: info, format: json }
`,
    );
    daemon = await spawnDaemon(config, { cwd: dir.path });
    await daemon.waitForLog((l) => l.msg.startsWith('connected to xcally-realtime'), 'the connection');
  });

  afterAll(async () => {
    await daemon?.stop();
    await emulator?.close();
    await dir?.remove();
  });

  it('/readyz lists the client connection core runs for the instance', async () => {
    const body = (await (await fetch(`${daemon.admin}/readyz`)).json()) as {
      instances: { instance: string; connections?: { name: string; target: string; state: string }[] }[];
    };
    expect(body.instances[0]?.connections).toEqual([
      { name: 'main', target: `xcally-realtime at ${emulator.url}`, state: 'connected', reconnects: 0 },
    ]);
  });

  it('XC_NOT_CONNECTED is in action.failed, on the log line and in /metrics', async () => {
    await emulator.kill();
    const failed = await daemon.waitForLog(
      (l) => /^action wakeup via xcally FAILED/.test(l.msg),
      'the failure',
    );
    expect(failed.code).toBe('XC_NOT_CONNECTED');
    expect(failed.msg).toContain('not connected to xcally-realtime');
    // `action.failed` carries the code to rules: the second rule logs `vars.failure.code`.
    await daemon.waitForLog((l) => l.msg === 'failed with XC_NOT_CONNECTED', 'the action.failed rule');
    const metrics = await (await fetch(`${daemon.admin}/metrics`)).text();
    expect(metrics).toMatch(
      /^switchboard_action_errors_total\{action="wakeup",instance="xcally",code="XC_NOT_CONNECTED"\} 1$/m,
    );
    expect(metrics).not.toMatch(/switchboard_action_errors_total\{[^}]*code="SWB_ACTION_FAILED"/);
  });
});
