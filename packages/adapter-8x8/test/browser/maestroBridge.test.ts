import {
  type DaemonProcess,
  launchChromium,
  spawnDaemon,
  type TempDir,
  tempDir,
  waitFor,
} from '@switchboard/test-support';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MaestroEmulator } from '../../src/testing/MaestroEmulator.js';
import { maestroEvent, maestroInvalidSchema } from '../../src/testing/maestroSamples.js';
import { createBridgeToken } from '../../src/transport/maestro/bridgeToken.js';
import { startCallDirective } from '../../src/transport/maestro/startCallDirective.js';
import { startCrm } from '../support/crmServer.js';
import { startHostPage } from '../support/hostPage.js';
import { packageDir } from '../support/packageDir.js';

const secret = 'bridge-secret-for-the-browser-test';

let dir: TempDir;
let maestro: MaestroEmulator;
let foreign: MaestroEmulator;
let crm: Awaited<ReturnType<typeof startCrm>>;
let host: Awaited<ReturnType<typeof startHostPage>>;
let daemon: DaemonProcess;
let browser: Browser;

interface BridgeWindow {
  bridge: {
    ready: Promise<void>;
    stats: { forwarded: number; ignored: number; invalid: number; directives: number };
  };
  maestroEmulator: { emit(message: unknown): boolean; whitelisted: boolean };
}

beforeAll(async () => {
  dir = await tempDir('switchboard-8x8-browser-');
  [maestro, foreign] = await Promise.all([MaestroEmulator.start(), MaestroEmulator.start()]);
  crm = await startCrm();
  let daemonUrl = '';
  host = await startHostPage((agentId) => ({
    daemon: daemonUrl,
    token: createBridgeToken({ secret, agentId }),
    foreignFrame: foreign.url,
    ...(agentId === 'agent-b' ? { attachTo: `${maestro.url}&agent=agent-b` } : {}),
  }));
  await dir.write(
    'rules.yaml',
    `rules:
  - name: click-to-dial-on-offer
    on: call.offered
    do:
      - dial: { phoneNumber: "{{ call.caller }}" }
  - name: report-bridge-errors
    on: adapter.error
    do:
      - http:
          method: POST
          url: "${crm.url}/errors"
          body:
            origin: "{{ vars.origin }}"
            error: "{{ vars.error }}"
            agent: "{{ agent.id }}"
            eventName: "{{ vars.eventName }}"
            details: "{{ vars.errorDescription }}"
`,
  );
  const config = await dir.write(
    'switchboard.yaml',
    `adapters:
  cc:
    use: ${packageDir}
    options:
      maestro:
        url: "${maestro.url}"
        allowedOrigins: [ "${host.origin}" ]
        secret: \${BRIDGE_SECRET}
        defaultCountry: US
rules: [ rules.yaml ]
server: { host: 127.0.0.1, port: 0 }
log: { format: json }
`,
  );
  daemon = await spawnDaemon(config, { cwd: dir.path, env: { BRIDGE_SECRET: secret } });
  daemonUrl = daemon.address ?? '';
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await Promise.all([maestro?.close(), foreign?.close(), crm?.close(), host?.close()]);
  await dir?.remove();
});

async function openAgent(agentId: string): Promise<{ page: Page; maestroFrame: Frame; foreignFrame: Frame }> {
  const page = await browser.newPage();
  await page.goto(`${host.origin}/agent/${agentId}`);
  await page.waitForFunction(() => (globalThis as unknown as BridgeWindow).bridge !== undefined);
  await page.evaluate(() => (globalThis as unknown as BridgeWindow).bridge.ready);
  const frameOn = async (origin: string): Promise<Frame> => {
    const frame = await waitFor(
      () => page.frames().find((f) => f.url().startsWith(origin)),
      `a frame on ${origin}`,
    );
    await frame.waitForFunction(() => (globalThis as unknown as BridgeWindow).maestroEmulator !== undefined);
    return frame;
  };
  return { page, maestroFrame: await frameOn(maestro.origin), foreignFrame: await frameOn(foreign.origin) };
}

const emit = (frame: Frame, message: unknown) =>
  frame.evaluate((m) => (globalThis as unknown as BridgeWindow).maestroEmulator.emit(m), message);

describe('MaestroSDK bridge in real Chromium: host page + cross-origin Maestro emulator + the daemon', () => {
  let agentA: Awaited<ReturnType<typeof openAgent>>;
  let agentB: Awaited<ReturnType<typeof openAgent>>;

  beforeAll(async () => {
    agentA = await openAgent('agent-a');
  });

  test('an offered event fires the dial rule; the emulator receives the exact startCall directive', async () => {
    expect(
      await emit(
        agentA.maestroFrame,
        maestroEvent({ eventName: 'offered', eventId: 'ev-a1', searchContext: '(201) 555-0123' }),
      ),
    ).toBe(true);
    const [directive] = await waitFor(
      () => (maestro.directives().length > 0 ? maestro.directives() : undefined),
      'the directive',
    );
    expect(directive).toEqual({
      origin: host.origin,
      page: '?env=embeddable&nextgen=true',
      data: {
        eventName: 'maEvent',
        family: 'external',
        content: { eventName: 'startCall', method: 'mapDirective', phoneNumber: '+12015550123' },
        schemaVersion: '1.0.0',
      },
    });
    expect(directive?.data).toEqual(startCallDirective('+12015550123'));
  });

  test('a message from a foreign origin is ignored; the same eventId twice dials once', async () => {
    await emit(
      agentA.foreignFrame,
      maestroEvent({ eventName: 'offered', eventId: 'ev-foreign', searchContext: '+12015550177' }),
    );
    await emit(
      agentA.maestroFrame,
      maestroEvent({ eventName: 'offered', eventId: 'ev-a1', searchContext: '(201) 555-0123' }),
    );
    await emit(
      agentA.maestroFrame,
      maestroEvent({ eventName: 'offered', eventId: 'ev-a2', searchContext: '+12015550166' }),
    );
    await waitFor(() => maestro.directives().length === 2, 'the directive of ev-a2');
    const stats = await agentA.page.evaluate(() => ({
      ...(globalThis as unknown as BridgeWindow).bridge.stats,
    }));
    expect(stats.ignored).toBeGreaterThanOrEqual(1);
    expect(stats.forwarded).toBe(3);
    expect(
      maestro.directives().map((d) => (d.data as { content: { phoneNumber: string } }).content.phoneNumber),
    ).toEqual(['+12015550123', '+12015550166']);
    expect(daemon.logs.some((l) => l.eventId === 'maestro:agent-a:offered:ev-a2')).toBe(true);
    expect(daemon.logs.some((l) => l.eventId === 'maestro:agent-a:offered:ev-foreign')).toBe(false);
  });

  test("an action for agent A goes only to A's browser", async () => {
    agentB = await openAgent('agent-b');
    await emit(
      agentB.maestroFrame,
      maestroEvent({ eventName: 'offered', eventId: 'ev-b1', searchContext: '+12015550155' }),
    );
    await waitFor(() => maestro.directives().length === 3, "agent B's directive");
    const byPage = maestro
      .directives()
      .map((d) => [d.page, (d.data as { content: { phoneNumber: string } }).content.phoneNumber]);
    expect(byPage).toEqual([
      ['?env=embeddable&nextgen=true', '+12015550123'],
      ['?env=embeddable&nextgen=true', '+12015550166'],
      ['?env=embeddable&nextgen=true&agent=agent-b', '+12015550155'],
    ]);
  });

  test('an invalid envelope and a Maestro failed report become adapter.error', async () => {
    await emit(agentA.maestroFrame, {
      eventType: 'mashell-voice-phone-offered-cc-event-v1',
      status: 'success',
      data: { eventName: 'offered', eventId: 'ev-bad' },
    });
    await emit(agentA.maestroFrame, maestroInvalidSchema());
    await waitFor(() => crm.requests.length === 2, 'two adapter.error reports');
    const [invalid, failed] = crm.requests.map((r) => r.body as Record<string, unknown>);
    expect(invalid).toMatchObject({ origin: 'bridge', error: 'INVALID_SCHEMA', agent: 'agent-a' });
    expect(invalid?.details).toContainEqual({
      path: '/data',
      message: "must have required property 'method'",
    });
    expect(failed).toMatchObject({
      origin: 'maestro',
      error: 'INVALID_SCHEMA',
      agent: 'agent-a',
      eventName: 'dummyEventName',
      details: [
        expect.objectContaining({
          path: ['eventName'],
          message: "Invalid literal value, expected 'terminated'",
        }),
      ],
    });
    expect(
      await agentA.page.evaluate(() => (globalThis as unknown as BridgeWindow).bridge.stats.invalid),
    ).toBe(1);
    expect(maestro.directives()).toHaveLength(3);
  });
});
