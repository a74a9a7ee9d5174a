import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { GatedStateBackend } from './support/GatedStateBackend.js';
import { post } from './support/post.js';
import { type RunningWebhooks, startRuntime } from './support/startRuntime.js';

/**
 * The webhook's 202 means "recorded": it comes once core's event ledger committed the events, so a crash
 * after it loses none. Core's real runtime in this process, on a state backend whose commits the test
 * holds or fails (a slow or broken disk).
 */
const token = 'hooks-token-for-intake-tests';
const auth = { authorization: `Bearer ${token}` };
const options = { hooks: { auth: { bearer: token } }, other: { auth: { bearer: token } } };
const rules = `rules:
  - name: log-offer
    on: call.offered
    do:
      - log: { message: "offered {{ call.id }}" }
`;

const running: RunningWebhooks[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function start(state: GatedStateBackend, ruleText = rules): Promise<RunningWebhooks> {
  const hooks = await startRuntime(options, ruleText, state);
  running.push(hooks);
  return hooks;
}

/** How many times the rules acted on the event (its actions' outcomes). */
const runs = (hooks: RunningWebhooks, id: string) =>
  hooks.diagnostics.filter((d) => d.kind === 'action' && d.outcome.eventId === id).length;

const offered = (id: string) => ({ type: 'call.offered', id, call: { id: `call-${id}` } });

describe('the 202 comes once the events are recorded', () => {
  test('not while the commit is held: another instance is answered meanwhile; then 202 and the rules run', async () => {
    const state = new GatedStateBackend('hooks');
    const hooks = await start(state);
    state.hold();
    let answered = false;
    const held = post(hooks.url('hooks'), offered('held-1'), auth).then((reply) => {
      answered = true;
      return reply;
    });
    await waitFor(() => state.held === 1, 'the commit of the event');
    // A full round trip through the same HTTP server, after the held request was handled up to its commit.
    expect((await post(hooks.url('other'), offered('free-1'), auth)).status).toBe(202);
    expect(answered).toBe(false);
    expect(runs(hooks, 'held-1')).toBe(0);
    state.release();
    expect(await held).toEqual({ status: 202, body: { accepted: ['held-1'] } });
    await waitFor(() => runs(hooks, 'held-1') === 1, 'the rules');
  });

  test('a commit that fails is 503 WEBHOOK_UNAVAILABLE with Retry-After: nothing ran; the retry is taken once', async () => {
    const state = new GatedStateBackend('hooks');
    const hooks = await start(state);
    state.failing = true;
    const refused = await fetch(hooks.url('hooks'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(offered('broken-1')),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({ code: 'WEBHOOK_UNAVAILABLE', message: expect.any(String) });
    expect(runs(hooks, 'broken-1')).toBe(0);
    state.failing = false;
    expect(await post(hooks.url('hooks'), offered('broken-1'), auth)).toEqual({
      status: 202,
      body: { accepted: ['broken-1'] },
    });
    await waitFor(() => runs(hooks, 'broken-1') === 1, 'the rules');
    const again = await post(hooks.url('hooks'), offered('broken-1'), auth);
    expect(again).toEqual({ status: 202, body: { accepted: ['broken-1'], duplicates: ['broken-1'] } });
    // A later event has run by the time its 202 came back and its rules acted: a second run would show.
    await post(hooks.url('hooks'), offered('later-1'), auth);
    await waitFor(() => runs(hooks, 'later-1') === 1, 'the later event');
    expect(runs(hooks, 'broken-1')).toBe(1);
  });
});

describe('while the daemon stops', () => {
  test('a POST during the drain is recorded and answered 202, and runs after the restart, once', async () => {
    // A CRM that holds its answer until released keeps the runtime draining, its server still open.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const crm = createServer((_req, res) => {
      void released.then(() => res.writeHead(200).end());
    });
    servers.push(crm);
    await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
    const crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
    const slow = `rules:
  - name: slow
    on: call.offered
    if: { "==": [{ var: call.id }, "call-before"] }
    do:
      - http: { url: "${crmUrl}/slow", timeout: 10000 }
  - name: log-offer
    on: call.offered
    do:
      - log: { message: "offered {{ call.id }}" }
`;
    const state = new GatedStateBackend('hooks');
    const first = await start(state, slow);
    expect((await post(first.url('hooks'), offered('before'), auth)).status).toBe(202);
    await waitFor(
      () => first.diagnostics.some((d) => d.kind === 'event' && d.event.id === 'before'),
      'the first event',
    );
    const stopped = first.runtime.stop(10_000);
    expect(await post(first.url('hooks'), offered('during'), auth)).toEqual({
      status: 202,
      body: { accepted: ['during'] },
    });
    release();
    expect(await stopped).toEqual({ unfinished: 0 });
    running.splice(running.indexOf(first), 1);
    expect(runs(first, 'during')).toBe(0);
    expect(first.diagnostics.filter((d) => d.kind === 'rejected')).toEqual([]);

    const second = await start(state, slow);
    await waitFor(() => runs(second, 'during') === 1, 'the recorded event to run after the restart');
    expect(await post(second.url('hooks'), offered('during'), auth)).toEqual({
      status: 202,
      body: { accepted: ['during'], duplicates: ['during'] },
    });
    expect(runs(second, 'before')).toBe(0);
  });
});
