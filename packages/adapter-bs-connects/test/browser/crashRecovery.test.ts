import type { LogLine } from '@switchboard/test-support';
import { waitFor } from '@switchboard/test-support';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/testing/index.js';
import {
  bridgeStatus,
  openAgentTab,
  requestsOf,
  type TabWindow,
  waitForBridge,
} from '../support/agentTabs.js';
import { SlowCrm } from '../support/slowCrm.js';
import { type BridgeEnvironment, startBridgeEnvironment } from '../support/startBridgeEnvironment.js';

/**
 * The daemon stopped (SIGTERM) or killed (SIGKILL) while screen pops are under way, then started again on
 * the same state folder, with the agents' b+s Connects (the emulator in Chromium) running throughout:
 * every live call pops exactly once, and call recovery (the page sending `workitemCreate` again) does not
 * pop again. Sessions are counted per call in the pages.
 */
const rules = (crm: string) => `
rules:
  - name: screen-pop
    on: call.offered
    do:
      - http: { url: "${crm}/lookup?call={{ call.id }}", timeout: 60000 }
        save: crm
      - createSession: { template: incoming_call, parameters: { call: "{{ call.id }}" } }
`;
const agents = ['agent-ada', 'agent-bob'] as const;
const connects = (page: Page) => ({
  offer: (id: string) =>
    page.evaluate(
      (call) => (window as unknown as TabWindow).connects.offerCall({ id: call, ani: '+4144' }),
      id,
    ),
  end: (ids: readonly string[]) =>
    page.evaluate((calls) => {
      for (const id of calls) (window as unknown as TabWindow).connects.end(id);
    }, ids),
  loginRecovery: () => page.evaluate(() => (window as unknown as TabWindow).connects.loginRecovery()),
  holdAnswers: (request: string) =>
    page.evaluate((r) => (window as unknown as TabWindow).connects.holdAnswers(r), request),
  releaseAnswers: () => page.evaluate(() => (window as unknown as TabWindow).connects.releaseAnswers()),
  heldAnswers: () => page.evaluate(() => (window as unknown as TabWindow).connects.heldAnswers),
});

describe('b+s screen pops across a daemon crash or stop (real daemon, Chromium)', () => {
  let env: BridgeEnvironment;
  let crm: Awaited<ReturnType<typeof SlowCrm.start>>;
  let context: BrowserContext;
  const pages = new Map<string, Page>();
  const page = (agent: string): Page => {
    const found = pages.get(agent);
    if (!found) throw new Error(`no tab for ${agent}`);
    return found;
  };

  /** Sessions opened in the agents' pages, per call (the `call` template parameter). */
  const sessionsPerCall = async (): Promise<Map<string, number>> => {
    const counts = new Map<string, number>();
    for (const p of pages.values()) {
      for (const r of (await requestsOf(p, 'createSession')) as RecordedRequest[]) {
        const call = String((r.args[1] as { call?: unknown } | undefined)?.call);
        counts.set(call, (counts.get(call) ?? 0) + 1);
      }
    }
    return counts;
  };
  const lostAndDoubled = async (calls: readonly string[]) => {
    const per = await sessionsPerCall();
    return {
      lost: calls.filter((c) => (per.get(c) ?? 0) === 0),
      doubled: calls.filter((c) => (per.get(c) ?? 0) > 1),
    };
  };
  const popped = async (calls: readonly string[]) => {
    const per = await sessionsPerCall();
    return calls.every((c) => (per.get(c) ?? 0) > 0);
  };
  /** The daemon's log lines of screen-pop actions (ok or failed) for these calls' events. */
  const popLines = (calls: readonly string[]): LogLine[] =>
    env.daemon.logs.filter(
      (l) =>
        l.action === 'createSession' &&
        calls.some((c) => typeof l.eventId === 'string' && l.eventId.endsWith(`:${c}:workitemCreate`)),
    );
  /** Calls offered to each agent in turn: `<prefix>-<n>`. */
  const offerCalls = async (prefix: string, perAgent: number): Promise<string[]> => {
    const calls: string[] = [];
    for (let n = 1; n <= perAgent; n += 1) {
      for (const agent of agents) {
        const id = `${prefix}-${agent.slice(6)}-${n}`;
        await connects(page(agent)).offer(id);
        calls.push(id);
      }
    }
    return calls;
  };
  const agentOf = (call: string) => agents.find((a) => call.includes(`-${a.slice(6)}-`)) ?? '';
  const callsOf = (agent: string, calls: readonly string[]) =>
    calls.filter((c) => c.includes(`-${agent.slice(6)}-`));
  /** Login recovery in every tab: b+s raises `workitemCreate` again for each live call; waits until the daemon saw them. */
  const recoverLogins = async (calls: readonly string[]) => {
    for (const agent of agents) await connects(page(agent)).loginRecovery();
    for (const agent of agents) {
      for (const call of callsOf(agent, calls)) {
        await env.daemon.waitForLog(
          (l) => l.msg === 'duplicate event ignored' && l.eventId === `${agent}:${call}:workitemCreate`,
          `the recovered workitemCreate of ${call} to be a duplicate`,
          20_000,
        );
      }
    }
  };
  /**
   * Starts the daemon again while the agents' browsers cannot reach it yet (offline), and lets them back
   * once the daemon re-ran the cut-off events' CRM lookups: the pops that follow find no bridge at first,
   * as when a daemon restarts faster than its bridges reconnect.
   */
  const restartBeforeTheBridges = async (cutOff: readonly string[]) => {
    await context.setOffline(true);
    await env.restartDaemon();
    await waitFor(
      () =>
        cutOff.every((c) =>
          env.daemon.logs.some(
            (l) => l.action === 'http' && l.eventId === `${agentOf(c)}:${c}:workitemCreate` && l.level === 30,
          ),
        ),
      'the cut-off lookups to be done again',
      30_000,
    );
    expect((await bridgeStatus(page(agents[0])))?.state).not.toBe('connected');
    await context.setOffline(false);
  };
  const endCalls = async (calls: readonly string[]) => {
    for (const agent of agents) await connects(page(agent)).end(callsOf(agent, calls));
  };

  beforeAll(async () => {
    crm = await SlowCrm.start();
    env = await startBridgeEnvironment({ rules: rules(crm.url) });
    context = await env.browser.newContext();
    for (const agent of agents)
      pages.set(agent, await openAgentTab(context, env.harness, { agentId: agent }));
  });
  afterAll(async () => {
    await env?.close();
    await crm?.close();
  });

  it('SIGTERM while CRM lookups are in flight: the cut-off pops happen after the restart, each once (4 cut off, 2 done before)', async () => {
    crm.hold();
    const calls = await offerCalls('term', 3);
    await waitFor(() => crm.held.length === calls.length, 'every lookup to be in flight', 15_000);
    const before = calls.filter((c) => c.endsWith('-1'));
    crm.release(before);
    await waitFor(() => popped(before), 'the first pops', 15_000);

    expect(await env.daemon.stop('SIGTERM')).toBe(0);
    expect(
      env.daemon.logs.some((l) => /^4 event\(s\) still in flight were cut off/.test(String(l.msg))),
    ).toBe(true);
    expect(await lostAndDoubled(calls)).toEqual({
      lost: calls.filter((c) => !before.includes(c)),
      doubled: [],
    });

    crm.release();
    await restartBeforeTheBridges(calls.filter((c) => !before.includes(c)));
    // Every re-run pop settled (so none is still on its way): each call popped once, and none failed.
    await waitFor(() => popLines(calls).length === 4, 'the 4 re-run pops to settle', 30_000);
    expect(await lostAndDoubled(calls)).toEqual({ lost: [], doubled: [] });
    expect(popLines(calls).filter((l) => l.level >= 40)).toEqual([]);

    // Call recovery after the restart: b+s raises workitemCreate again for each live call.
    await recoverLogins(calls);
    expect(await lostAndDoubled(calls)).toEqual({ lost: [], doubled: [] });
    await endCalls(calls);
  }, 180_000);

  it('call recovery after a restart (the page sends workitemCreate again for its live calls) pops nothing again', async () => {
    crm.release();
    const calls = await offerCalls('live', 1);
    await waitFor(() => popped(calls), 'the pops', 15_000);
    await env.restartDaemon();
    for (const agent of agents) await waitForBridge(page(agent), 'connected', 'primary');

    await recoverLogins(calls);
    expect(await lostAndDoubled(calls)).toEqual({ lost: [], doubled: [] });
    expect(popLines(calls)).toEqual([]); // the new daemon ran no pop for them
    await endCalls(calls);
  }, 180_000);

  it('SIGKILL while CRM lookups are in flight: after the restart each call popped once, and call recovery pops nothing again', async () => {
    crm.hold();
    const calls = await offerCalls('kill', 2);
    await waitFor(() => crm.held.length === calls.length, 'every lookup to be in flight', 15_000);

    await env.daemon.stop('SIGKILL');
    expect(await lostAndDoubled(calls)).toEqual({ lost: calls, doubled: [] });

    crm.release();
    await restartBeforeTheBridges(calls);
    await waitFor(() => popLines(calls).length === calls.length, 'the re-run pops to settle', 30_000);
    expect(await lostAndDoubled(calls)).toEqual({ lost: [], doubled: [] });
    expect(popLines(calls).filter((l) => l.level >= 40)).toEqual([]);

    await recoverLogins(calls);
    expect(await lostAndDoubled(calls)).toEqual({ lost: [], doubled: [] });
    await endCalls(calls);
  }, 180_000);

  it('SIGKILL while b+s is opening the session: the pop is sent again with its key, and the tab answers it without a second session', async () => {
    crm.release();
    const ada = connects(page('agent-ada'));
    await ada.holdAnswers('createSession');
    const calls = await offerCalls('slow', 1);
    const call = 'slow-ada-1';
    await waitFor(() => popped(['slow-bob-1']), "the other agent's pop", 15_000);
    await waitFor(async () => (await ada.heldAnswers()) === 1, 'b+s to be opening the session', 15_000);

    await env.daemon.stop('SIGKILL');
    await env.restartDaemon();
    // The re-run pop reaches the tab with the same key while b+s is still opening the first session.
    await waitFor(
      async () => ((await bridgeStatus(page('agent-ada')))?.repeated ?? 0) >= 1,
      'the pop sent again',
      30_000,
    );
    await ada.releaseAnswers();
    await waitFor(() => popLines([call]).length === 1, 'the re-run pop to settle', 30_000);
    expect(popLines([call])[0]).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/^action createSession via bs ok/),
    });
    expect(await lostAndDoubled(calls)).toEqual({ lost: [], doubled: [] });
  }, 180_000);
});
