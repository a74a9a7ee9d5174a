import { createBridgeToken } from '@switchboard/adapter-8x8';
import { MaestroEmulator, SapiEmulator } from '@switchboard/adapter-8x8/testing';
import {
  launchChromium,
  type RedisProcess,
  startRedis,
  type TempDir,
  tempDir,
  waitFor,
} from '@switchboard/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { startAgentCrmPage } from './support/agentCrmPage.js';
import { HaNode, holdersOf } from './support/HaNode.js';
import { offerSapiCall, sapiAgent } from './support/streams.js';

/**
 * Two daemons on one Redis, each with the same 8x8 instance: SAPI (held by node B) and the Maestro browser
 * bridge (on every node). The agent has two CRM tabs in Chromium: an older one connected to node B and
 * the newest one connected to node A. Calls offered to the agent arrive through SAPI on node B, whose
 * `dial` rule must reach the agent's newest tab on node A through Redis: exactly one `startCall` directive
 * per call at the Maestro emulator, from the tab on node A, none from the older tab.
 */
const secret = 'bridge-secret-ha-across-nodes';
const token = 'sapi-token-ha-bridges-5e1f';
const calls = 3;
const phone = (n: number) => `+1201555${String(1000 + n)}`;

let redis: RedisProcess | undefined;
let sapi: SapiEmulator | undefined;
let maestro: MaestroEmulator | undefined;
let crmPage: Awaited<ReturnType<typeof startAgentCrmPage>> | undefined;
let browser: Browser | undefined;
let dir: TempDir | undefined;
const nodes: HaNode[] = [];

afterEach(async () => {
  await browser?.close();
  await Promise.all(nodes.splice(0).map((n) => n.daemon.stop('SIGKILL')));
  await Promise.all([redis?.close(), sapi?.close(), maestro?.close(), crmPage?.close()]);
  await dir?.remove();
  redis = sapi = maestro = crmPage = browser = dir = undefined;
});

const rules = `rules:
  - name: dial-on-offer
    on: call.offered
    do:
      - dial: { phoneNumber: "{{ call.caller }}" }
`;

const nodeConfig = (sapiUrl: string, maestroUrl: string, crmOrigin: string) => (id: string) =>
  `adapters:
  cc:
    use: "@switchboard/adapter-8x8"
    options:
      sapi:
        tenant: acmecorp01
        token: \${SAPI_TOKEN}
        baseUrl: "${sapiUrl}"
        retry: { initialMs: 100, maxMs: 500 }
      maestro:
        url: "${maestroUrl}"
        allowedOrigins: [ "${crmOrigin}" ]
        secret: \${BRIDGE_SECRET}
        defaultCountry: US
rules: [ rules.yaml ]
state:
  redis:
    url: \${REDIS_URL}
node:
  id: ${id}
server: { host: 127.0.0.1, port: 0 }
admin: { host: 127.0.0.1, port: 0 }
watch: false
shutdown: { drainTimeout: 2000 }
log: { format: json, level: info }
`;

interface TabWindow {
  bridge?: { ready: Promise<void> };
  bridgeStatus?: { state: string };
  bridgeErrors?: string[];
}

/** Opens tab `n` of the CRM and waits until its bridge is connected to its node. */
async function openTab(open: Browser, origin: string, n: string): Promise<Page> {
  const page = await open.newPage();
  page.on('pageerror', (error) => console.error(`[tab ${n}] page error: ${error.message}`));
  await page.goto(`${origin}/tab/${n}`);
  await page.waitForFunction(() => (globalThis as TabWindow).bridge !== undefined);
  await page.evaluate(() => (globalThis as TabWindow).bridge?.ready);
  await page.waitForFunction(() => (globalThis as TabWindow).bridgeStatus?.state === 'connected', undefined, {
    timeout: 15_000,
  });
  return page;
}

describe('browser bridges across nodes (8x8 Maestro in Chromium)', () => {
  test("the agent's newest tab on node A, calls arriving on node B: exactly one pop per call, in that tab", async () => {
    const redisServer = await startRedis();
    redis = redisServer;
    const s = await SapiEmulator.start({ tenant: 'acmecorp01', token, replayWindowSeconds: 600 });
    sapi = s;
    const m = await MaestroEmulator.start();
    maestro = m;
    const daemons: Record<string, string> = {};
    const page = await startAgentCrmPage('cc', (n) =>
      daemons[n]
        ? {
            agentId: sapiAgent,
            token: createBridgeToken({ secret, agentId: sapiAgent }),
            daemon: daemons[n],
            maestro: `${m.url}&tab=${n}`,
          }
        : undefined,
    );
    crmPage = page;
    const folder = await tempDir('swb-ha-bridges-');
    dir = folder;
    await folder.write('rules.yaml', rules);
    const config = nodeConfig(s.url, m.url, page.origin);
    const env = { SAPI_TOKEN: token, REDIS_URL: redisServer.url, BRIDGE_SECRET: secret };

    // Node B first: it holds SAPI, so the calls arrive there. Node A stands by for SAPI.
    const b = await HaNode.start(folder, 'node-b', config, env);
    nodes.push(b);
    await waitFor(() => b.holds('cc'), 'node-b holding SAPI', 20_000);
    const a = await HaNode.start(folder, 'node-a', config, env);
    nodes.push(a);
    await waitFor(async () => (await a.readyz())?.status === 200, 'node-a ready', 20_000);
    expect(await holdersOf(nodes, 'cc')).toEqual([b]);
    daemons.old = b.daemon.address ?? '';
    daemons.newest = a.daemon.address ?? '';

    const chromium = await launchChromium();
    browser = chromium;
    // The older tab on node B, then the newest on node A.
    const oldTab = await openTab(chromium, page.origin, 'old');
    const newestTab = await openTab(chromium, page.origin, 'newest');

    for (let n = 1; n <= calls; n += 1) offerSapiCall(s, n, sapiAgent, phone(n));
    await waitFor(() => m.directives().length >= calls, `${calls} directives`, 20_000);
    for (const tab of [oldTab, newestTab])
      expect(await tab.evaluate(() => (globalThis as TabWindow).bridgeErrors ?? [])).toEqual([]);
    // A graceful stop finishes what is in flight: no directive can come after it.
    for (const node of nodes) expect(await node.stop()).toBe(0);

    const directives = m.directives().map((d) => ({
      tab: new URLSearchParams(d.page).get('tab'),
      phoneNumber: (d.data as { content: { phoneNumber: string } }).content.phoneNumber,
    }));
    expect(directives).toEqual(
      Array.from({ length: calls }, (_, i) => ({ tab: 'newest', phoneNumber: phone(i + 1) })),
    );
    // The rule ran on node B (the events' node), and the dials went out from there.
    const ran = (node: HaNode) => node.daemon.logs.filter((l) => l.rule === 'dial-on-offer').length;
    expect(ran(b)).toBeGreaterThan(0);
    expect(ran(a)).toBe(0);
  }, 60_000);
});
