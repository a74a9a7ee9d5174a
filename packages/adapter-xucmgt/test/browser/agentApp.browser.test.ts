import { launchChromium } from '@switchboard/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AgentAppEmulator, sampleRequest } from '../../src/testing/index.js';
import { type CrmServer, startCrmServer } from '../support/crmServer.js';
import { startXucmgtDaemon, type XucmgtDaemon } from '../support/startXucmgtDaemon.js';

interface AgentState {
  agent: string;
  call: string;
  answer: Record<string, unknown> | null;
  error: string | null;
  pane: { url: string; title: string } | null;
  popups: string[];
  history: { what: string; detail: unknown }[];
}

let browser: Browser;
let agentApp: AgentAppEmulator;
let intruder: AgentAppEmulator;
let crm: CrmServer;
let xuc: XucmgtDaemon;
/** The web service's `secret`, as the admin puts it into THIRD_PARTY_URL. */
const secret = 'browser-test-secret-0123';
const thirdPartyUrl = () => `${xuc.thirdPartyUrl}?key=${secret}`;

const rules = (crmOrigin: string) => `
rules:
  - name: trucks-pane
    on: call.offered
    if: { "==": [{ var: call.queue }, "trucks"] }
    do:
      - thirdPartyOpen:
          event: established
          url: "${crmOrigin}/contact?phone={{ call.caller }}"
          title: "Trucks {{ call.caller }}"
          autopause: true

  - name: support-pane
    on: call.offered
    if: { "==": [{ var: call.queue }, "support"] }
    do:
      - http: { url: "${crmOrigin}/contacts?phone={{ call.caller }}" }
        save: crm
      - thirdPartyOpen:
          event: ringing
          title: "{{ vars.crm.name }}"
          pane: { record: "{{ vars.crm }}", fields: [name, account] }

  - name: cars-wrapup-popup
    on: call.offered
    if: { "==": [{ var: call.queue }, "cars"] }
    do:
      - thirdPartyOpen: { action: popup, event: released, url: "${crmOrigin}/contact?phone={{ call.caller }}" }
`;

const state = (page: Page): Promise<AgentState> =>
  page.evaluate(() => (globalThis as unknown as { agentApp: { state(): AgentState } }).agentApp.state());

async function openAgentApp(
  emulator: AgentAppEmulator,
): Promise<{ page: Page; console: string[]; preflights: string[] }> {
  const page = await browser.newPage();
  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  const cdp = await page.context().newCDPSession(page);
  const preflights: string[] = [];
  // Chromium reports a CORS preflight's response with type `Preflight`.
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Preflight') preflights.push(`${e.response.status} ${e.response.url}`);
  });
  await cdp.send('Network.enable');
  await page.goto(emulator.pageUrl(thirdPartyUrl()));
  return { page, console, preflights };
}

beforeAll(async () => {
  [agentApp, intruder, crm, browser] = await Promise.all([
    AgentAppEmulator.start(),
    AgentAppEmulator.start(),
    startCrmServer(),
    launchChromium(),
  ]);
  xuc = await startXucmgtDaemon(
    { allowedOrigins: [agentApp.origin], answerTimeout: 1500, secret },
    rules(crm.origin),
  );
});

afterAll(async () => {
  await browser?.close();
  await xuc?.stop();
  await Promise.all([agentApp?.close(), intruder?.close(), crm?.close()]);
});

describe('the agent-app emulator in Chromium against rules-runner start', () => {
  test('trucks: open on EventEstablished with autopause; Done closes the pane and unpauses', async () => {
    const { page, preflights } = await openAgentApp(agentApp);
    await page.click('#ring');
    await expect.poll(() => page.locator('#answer-json').textContent()).not.toBe('');
    const rang = await state(page);
    expect(rang.answer).toEqual({
      action: 'open',
      event: 'EventEstablished',
      url: `${crm.origin}/contact?phone=1001`,
      title: 'Trucks 1001',
      autopause: true,
    });
    expect(preflights).toEqual([`204 ${thirdPartyUrl()}`]);
    expect(await page.locator('#third-party-pane').count()).toBe(0);
    expect(rang.agent).toBe('Ready');

    await page.click('#establish');
    const pane = page.frameLocator('#third-party-pane');
    await expect.poll(() => pane.locator('#who').textContent()).toBe('Contact 1001');
    expect(await page.locator('#agent-state').textContent()).toBe('Paused');
    expect(await page.locator('#pane-title').textContent()).toBe('Trucks 1001');

    await pane.locator('#close').click();
    await page.waitForSelector('#third-party-pane', { state: 'detached' });
    const closed = await state(page);
    expect(closed.agent).toBe('Ready');
    expect(closed.pane).toBeNull();
    expect(closed.history.map((h) => h.what)).toEqual([
      'call-ringing',
      'request-sent',
      'answer',
      'call-established',
      'pane-opened',
      'agent-paused',
      'closeThirdParty',
      'pane-closed',
      'agent-ready',
    ]);
    await page.close();
  });

  test('support: an http lookup fills the built-in pane at ringing; its Done closes it', async () => {
    const { page } = await openAgentApp(agentApp);
    await page.evaluate(
      (body) =>
        (globalThis as unknown as { agentApp: { ring(b: unknown): Promise<unknown> } }).agentApp.ring(body),
      sampleRequest('2017', { queue: 'support', caller: '1002', callId: 'support-b1' }),
    );
    const pane = page.frameLocator('#third-party-pane');
    await expect.poll(() => pane.locator('#record').textContent()).toContain('A-42');
    expect(await pane.locator('#record').textContent()).toContain('<b>Acme</b> Trucks');
    expect(await pane.locator('#call').textContent()).toContain('1002');
    expect((await state(page)).agent).toBe('Ready');
    await pane.locator('#done').click();
    await page.waitForSelector('#third-party-pane', { state: 'detached' });
    expect((await state(page)).history.map((h) => h.what)).toContain('closeThirdParty');
    await page.close();
  });

  test('cars: a popup opens only when the call is released', async () => {
    const { page } = await openAgentApp(agentApp);
    await page.evaluate(
      (body) =>
        (globalThis as unknown as { agentApp: { ring(b: unknown): Promise<unknown> } }).agentApp.ring(body),
      sampleRequest('2024', { queue: 'cars', caller: '1003', callId: 'cars-b1' }),
    );
    expect((await state(page)).answer).toMatchObject({ action: 'popup', event: 'EventReleased' });
    await page.click('#establish');
    expect((await state(page)).popups).toEqual([]);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#release')]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${crm.origin}/contact?phone=1003`);
    expect(await page.locator('#third-party-pane').count()).toBe(0);
    await page.close();
  });

  test('an agent app on an origin not in the allowlist is blocked by the browser', async () => {
    const { page, console, preflights } = await openAgentApp(intruder);
    const result = await page.evaluate(
      (body) =>
        (
          globalThis as unknown as { agentApp: { ring(b: unknown): Promise<{ error?: string }> } }
        ).agentApp.ring(body),
      sampleRequest('2024', { callId: 'intruder-1' }),
    );
    expect(result.error).toMatch(/TypeError: Failed to fetch/);
    expect(console.join('\n')).toMatch(/blocked by CORS policy/);
    expect(preflights).toEqual([`403 ${thirdPartyUrl()}`]);
    const after = await state(page);
    expect(after.answer).toBeNull();
    expect(await page.locator('#third-party-pane').count()).toBe(0);
    await xuc.daemon.waitForLog((l) => l.reason === 'origin-not-allowed', 'the refusal to be logged');
    expect(
      xuc.daemon.logs.some((l) => typeof l.eventId === 'string' && l.eventId.includes('intruder-1')),
    ).toBe(false);
    await page.close();
  });
});
