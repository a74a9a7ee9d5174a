import { type DaemonProcess, spawnDaemon, type TempDir, tempDir } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SapiEmulator } from '../src/testing/SapiEmulator.js';
import { inboundCallEvents } from '../src/testing/sapiSamples.js';
import { packageDir } from './support/packageDir.js';

const token = 'sapi-token-error-codes';

/** A SAPI call offered to an agent whose browser bridge is not connected: the dial fails, and says why. */
const rules = `rules:
  - name: dial-on-offer
    on: call.offered
    do:
      - dial: { phoneNumber: "{{ call.caller }}" }
  - name: report-failure
    on: action.failed
    do:
      - log: { message: "failed with {{ vars.failure.code }}", level: warn }
`;

describe('an 8x8 error code through the real daemon', () => {
  let dir: TempDir;
  let sapi: SapiEmulator;
  let daemon: DaemonProcess;

  beforeAll(async () => {
    dir = await tempDir('switchboard-8x8-codes-');
    sapi = await SapiEmulator.start({ tenant: 'acmecorp01', token });
    await dir.write('rules.yaml', rules);
    const config = await dir.write(
      'switchboard.yaml',
      `adapters:
  cc:
    use: ${JSON.stringify(packageDir)}
    options:
      sapi: { tenant: acmecorp01, token: "\${SAPI_TOKEN}", baseUrl: ${JSON.stringify(sapi.url)} }
      maestro:
        allowedOrigins: [ "https://crm.example.com" ]
        secret: "\${BRIDGE_SECRET}"
        defaultCountry: US
rules: [ rules.yaml ]
server: { host: 127.0.0.1, port: 0 }
state: { dir: state }
log: { level: info, format: json }
`,
    );
    daemon = await spawnDaemon(config, {
      cwd: dir.path,
      env: { SAPI_TOKEN: token, BRIDGE_SECRET: 'bridge-secret-0123456789' },
    });
    await daemon.waitForLog((l) => l.msg === 'adapter cc connected', 'the SAPI subscription');
  });

  afterAll(async () => {
    await daemon?.stop();
    await sapi?.close();
    await dir?.remove();
  });

  it('/readyz lists the SAPI connection core runs for the instance', async () => {
    const body = (await (await fetch(`${daemon.admin}/readyz`)).json()) as {
      instances: { instance: string; connections?: { name: string; target: string; state: string }[] }[];
    };
    expect(body.instances[0]?.connections).toEqual([
      { name: 'main', target: `8x8 SAPI at ${sapi.url}`, state: 'connected', reconnects: 0 },
    ]);
  });

  it('X8_DIAL_NO_BRIDGE is in action.failed, on the log line and in /metrics', async () => {
    for (const event of inboundCallEvents('int-no-bridge', {
      queue: 'Sales',
      agentId: 'ag-without-bridge',
      caller: '+12015550123',
      talkSeconds: 10,
    }))
      sapi.publish(event.type, event.body);
    const failed = await daemon.waitForLog((l) => /^action dial via cc FAILED/.test(l.msg), 'the failure');
    expect(failed.code).toBe('X8_DIAL_NO_BRIDGE');
    expect(failed.msg).toContain('agent `ag-without-bridge` has no connected Maestro bridge');
    // `action.failed` carries the code to rules: the second rule logs `vars.failure.code`.
    await daemon.waitForLog((l) => l.msg === 'failed with X8_DIAL_NO_BRIDGE', 'the action.failed rule');
    const metrics = await (await fetch(`${daemon.admin}/metrics`)).text();
    expect(metrics).toMatch(
      /^switchboard_action_errors_total\{action="dial",instance="cc",code="X8_DIAL_NO_BRIDGE"\} 1$/m,
    );
    expect(metrics).not.toMatch(/switchboard_action_errors_total\{[^}]*code="SWB_ACTION_FAILED"/);
  });
});
