import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SapiEmulator } from '../../src/testing/SapiEmulator.js';
import { inboundCallEvents } from '../../src/testing/sapiSamples.js';
import { startCrm } from '../support/crmServer.js';
import { packageDir } from '../support/packageDir.js';
import { transferredCallEvents } from '../support/transferredCall.js';

const token = 'sapi-token-7f3e9a1c55';

let dir: TempDir;
let sapi: SapiEmulator;
let crm: Awaited<ReturnType<typeof startCrm>>;
const daemons: DaemonProcess[] = [];

beforeEach(async () => {
  dir = await tempDir('switchboard-8x8-');
  sapi = await SapiEmulator.start({
    tenant: 'acmecorp01',
    token,
    framing: { padding: 2048, handshake: true, lengthPrefix: true },
    clientCheckMs: 200,
  });
  crm = await startCrm();
  await dir.write(
    'rules.yaml',
    `rules:
  - name: log-sales-interaction
    description: Interaction logging into the CRM when a Sales call ends.
    on: call.ended
    if: { "==": [ { var: call.queue }, "Sales" ] }
    do:
      - http:
          method: POST
          url: "${crm.url}/interactions"
          body:
            callId: "{{ call.id }}"
            queue: "{{ call.queue }}"
            duration: "{{ call.talkSeconds }}"
            agent: "{{ call.agent }}"
`,
  );
  await dir.write(
    'switchboard.yaml',
    `adapters:
  cc:
    use: ${packageDir}
    options:
      sapi:
        tenant: acmecorp01
        token: \${SAPI_TOKEN}
        baseUrl: ${sapi.url}
        retry: { initialMs: 100, maxMs: 500 }
rules: [ rules.yaml ]
state: { dir: state }
log: { format: json, level: debug }
`,
  );
});

afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
  await sapi.close();
  await crm.close();
  await dir.remove();
});

async function startDaemon(): Promise<DaemonProcess> {
  const daemon = await spawnDaemon(`${dir.path}/switchboard.yaml`, {
    cwd: dir.path,
    env: { SAPI_TOKEN: token },
  });
  daemons.push(daemon);
  await daemon.waitForLog((l) => l.msg === 'adapter cc connected', 'the SAPI subscription');
  return daemon;
}

function publishCall(guid: string, queue: string, talkSeconds: number): void {
  for (const event of inboundCallEvents(guid, {
    queue,
    agentId: 'agAglVJkg0TU28dok9y9UQKg',
    caller: '+12015550123',
    talkSeconds,
  }))
    sapi.publish(event.type, event.body);
}

const loggedCalls = () => crm.requests.map((r) => (r.body as { callId: string }).callId);

describe('8x8 SAPI through the real rules-runner daemon', () => {
  test('an Interaction in queue Sales fires the interaction-logging http call with call id, queue and duration', async () => {
    const daemon = await startDaemon();
    publishCall('int-support-1', 'Support', 40);
    publishCall('int-sales-1', 'Sales', 95);
    await waitFor(() => crm.requests.length > 0, 'the CRM call');
    await daemon.waitForLog(
      (l) => l.msg === 'event call.ended (8x8.InteractionDeleted) from cc' && l.callId === 'int-support-1',
      'the Support call to end',
    );
    expect(crm.requests).toEqual([
      {
        method: 'POST',
        path: '/interactions',
        body: { callId: 'int-sales-1', queue: 'Sales', duration: 95, agent: 'agAglVJkg0TU28dok9y9UQKg' },
      },
    ]);
    expect(JSON.stringify(daemon.logs) + daemon.stderr()).not.toContain(token);
    expect(await daemon.stop()).toBe(0);
  });

  test("a transferred call fires the README's interaction-logging rule once; the later leg is 8x8.InteractionDeleted", async () => {
    const daemon = await startDaemon();
    const agent = 'agAglVJkg0TU28dok9y9UQKg';
    for (const event of transferredCallEvents('int-transferred', {
      queue: 'Sales',
      caller: '+12015550123',
      from: agent,
      to: 'agSecondAgent0000000000',
      talkSeconds: 61,
    }))
      sapi.publish(event.type, event.body);
    await daemon.waitForLog(
      (l) =>
        l.msg === 'event vendor.event (8x8.InteractionDeleted) from cc' && l.callId === 'int-transferred',
      "the second agent's leg ending",
    );
    await waitFor(() => crm.requests.length === 1, 'the CRM call');
    await new Promise((r) => setTimeout(r, 200));
    expect(crm.requests.map((r) => r.body)).toEqual([
      { callId: 'int-transferred', queue: 'Sales', duration: 61, agent },
    ]);
    const ended = daemon.logs.filter((l) => /^event call\.ended /.test(String(l.msg)));
    expect(ended.map((l) => [l.callId, l.eventId])).toEqual([
      ['int-transferred', 'sapi:int-transferred:ended'],
    ]);
  });

  test('restarting the daemon mid-stream within the replay window: no event lost, none fired twice', async () => {
    let daemon = await startDaemon();
    // Calls come at a steady pace up to a limit, raised phase by phase, so each phase sees some calls
    // however fast or slow the machine is: before the restart, while the daemon is down, after it.
    let published = 0;
    let limit = 20;
    const publisher = setInterval(() => {
      if (published >= limit) return;
      published += 1;
      publishCall(`int-${published}`, 'Sales', published);
    }, 15);
    try {
      await waitFor(() => crm.requests.length >= 8, 'a few calls logged before the restart');
      expect(await daemon.stop()).toBe(0);
      limit += 10;
      await waitFor(() => published === limit, 'calls published while the daemon is down');
      daemon = await startDaemon();
      limit += 10;
      await waitFor(() => published === limit, 'calls published after the restart');
    } finally {
      clearInterval(publisher);
    }
    const total = 40;
    await waitFor(() => crm.requests.length >= total, 'every call logged', 15_000);
    await new Promise((r) => setTimeout(r, 300));
    const calls = loggedCalls();
    expect(calls).toHaveLength(total);
    expect(new Set(calls).size).toBe(total);
    const subscriptions = sapi.requests.filter((r) => r.status === 200).map((r) => r.subscriptionId);
    expect(subscriptions).toHaveLength(2);
    expect(subscriptions[1]).toBe(subscriptions[0]);
    expect(daemon.logs.some((l) => l.msg === 'SAPI event seen before; skipped')).toBe(true);
  }, 45_000); // two daemon start-ups, each several seconds on a loaded machine

  test('a stream cut in the middle of an event: the partial event is dropped cleanly and the reconnect resumes', async () => {
    const daemon = await startDaemon();
    publishCall('int-before-cut', 'Sales', 10);
    await waitFor(() => crm.requests.length === 1, 'the first call');
    sapi.cutNext();
    publishCall('int-after-cut', 'Sales', 20);
    await waitFor(() => crm.requests.length === 2, 'the call that was cut, after the reconnect');
    await daemon.waitForLog(
      (l) => l.msg === 'input rejected' && l.reason === 'sapi-partial-message',
      'the partial event to be dropped',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(loggedCalls()).toEqual(['int-before-cut', 'int-after-cut']);
    const rejected = daemon.logs.filter((l) => l.msg === 'input rejected').map((l) => l.reason);
    expect(rejected).toEqual(['sapi-partial-message']);
    expect(sapi.requests.filter((r) => r.status === 200)).toHaveLength(2);
    expect(daemon.process.exitCode).toBeNull();
  });
});
