import { describe, expect, test } from 'vitest';
import type { Lease, LeaseManager } from '../src/connections/LeaseManager.js';
import { type ClientSession, ConnectionError, type ConnectionSpec, type SessionEnd } from '../src/index.js';
import { createTestContext, type TestContext } from '../src/public/testing.js';

/** A session the test ends when it likes. */
class ScriptedSession implements ClientSession {
  readonly ended: Promise<SessionEnd>;
  closed = false;
  #end!: (end: SessionEnd) => void;
  constructor() {
    this.ended = new Promise((resolve) => {
      this.#end = resolve;
    });
  }
  end(end: SessionEnd = { kind: 'ended', reason: 'transport close', next: 'backoff' }): void {
    this.#end(end);
  }
  async close(): Promise<void> {
    this.closed = true;
    this.end({ kind: 'ended', reason: 'closed', next: 'backoff' });
  }
}

/** Each `connect` takes the next step: a session (held for `holdMs`, then ended) or an error. */
type Step = { hold: number; end?: SessionEnd; healthy?: boolean } | ConnectionError | 'session';

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function run(steps: Step[], spec: Partial<ConnectionSpec<ScriptedSession>> = {}, leases?: LeaseManager) {
  const test_: TestContext<Record<string, never>> = createTestContext({
    instance: 'pbx',
    options: {},
    ...(leases ? { leases } : {}),
  });
  const sessions: ScriptedSession[] = [];
  let calls = 0;
  const connection = test_.context.connections.run<ScriptedSession>({
    target: 'pbx-events at http://pbx',
    backoff: { initialMs: 10, factor: 2, maxMs: 1000, jitter: 0 },
    quickRetryAfterMs: 100,
    stableAfterMs: 10_000,
    connect: async (_signal, attempt) => {
      const step = steps[calls] ?? ConnectionError.notConnected('no more steps');
      calls += 1;
      if (step instanceof ConnectionError) throw step;
      const session = new ScriptedSession();
      sessions.push(session);
      if (step !== 'session') {
        if (step.healthy) attempt.healthy();
        // hold 0: over before the loop holds it, so it lasted no time however loaded the machine is
        if (step.hold === 0) session.end(step.end);
        else setTimeout(() => session.end(step.end), step.hold);
      }
      return session;
    },
    ...spec,
  });
  const delays = () =>
    test_.logs.flatMap((l) => {
      const m = /^reconnecting to pbx-events at http:\/\/pbx in (\d+) ms$/.exec(l.msg);
      return m ? [Number(m[1])] : [];
    });
  return { test_, connection, sessions, delays, calls: () => calls };
}

const notConnected = (code = 'SWB_CONNECTION_LOST') =>
  ConnectionError.notConnected('cannot reach pbx', { code });

describe('the connection loop core runs for adapters', () => {
  test('failed attempts meet growing delays; states and attempts are counted', async () => {
    const { test_, delays, connection } = run([
      notConnected(),
      notConnected(),
      notConnected(),
      notConnected(),
    ]);
    await until(() => delays().length >= 4, 'four retries');
    expect(delays().slice(0, 4)).toEqual([10, 20, 40, 80]);
    expect(connection.state).not.toBe('connected');
    expect(test_.states.slice(0, 2)).toEqual([
      { state: 'connecting', detail: 'pbx-events at http://pbx' },
      { state: 'disconnected', detail: 'cannot reach pbx' },
    ]);
    // The first failure of a streak at its level, repeats of the same code at warn.
    expect(test_.logs.filter((l) => l.msg === 'cannot reach pbx').every((l) => l.level === 'warn')).toBe(
      true,
    );
    const attempts = await test_.metrics.connectionAttempts.get();
    expect(attempts.values.find((v) => v.labels.outcome === 'not-connected')?.value).toBeGreaterThanOrEqual(
      4,
    );
    await test_.close();
  });

  test('a session that was up reconnects at once when it drops, each time; a short one backs off', async () => {
    const { test_, delays, connection } = run([
      { hold: 150 },
      { hold: 150 },
      { hold: 150 },
      { hold: 0 },
      { hold: 0 },
    ]);
    await until(() => delays().length >= 5, 'five reconnects');
    expect(delays().slice(0, 5)).toEqual([0, 0, 0, 10, 20]);
    expect(connection.reconnects).toBeGreaterThanOrEqual(4);
    expect(
      test_.logs.filter((l) => l.msg.startsWith('lost the connection to pbx-events')).length,
    ).toBeGreaterThanOrEqual(4);
    await test_.close();
  });

  test('healthy() proves a session at once: the backoff starts over', async () => {
    const { test_, delays } = run([
      notConnected(),
      notConnected(),
      { hold: 0, healthy: true },
      notConnected(),
      notConnected(),
    ]);
    await until(() => delays().length >= 5, 'five retries');
    expect(delays().slice(0, 5)).toEqual([10, 20, 0, 10, 20]);
    await test_.close();
  });

  test('a session up longer than stableAfterMs resets the backoff', async () => {
    const { test_, delays } = run([notConnected(), notConnected(), { hold: 30 }, notConnected()], {
      stableAfterMs: 15,
      quickRetryAfterMs: 10_000,
    });
    await until(() => delays().length >= 4, 'four retries');
    expect(delays().slice(0, 4)).toEqual([10, 20, 10, 20]);
    await test_.close();
  });

  test('back-off waits what the server asked; a planned end reconnects at once', async () => {
    const { test_, delays } = run([
      ConnectionError.backOff(70, 'too many requests', { code: 'SWB_CONNECTION_LOST' }),
      { hold: 0, end: { kind: 'ended', reason: 'renewal', next: 'now' } },
    ]);
    await until(() => delays().length >= 2, 'two retries');
    expect(delays().slice(0, 2)).toEqual([70, 0]);
    await test_.close();
  });

  test('a planned end renews the session without leaving connected: no adapter.disconnected, no reconnect', async () => {
    const { test_, connection, calls } = run([
      { hold: 30, end: { kind: 'ended', reason: 'the hourly renewal', next: 'now' } },
      { hold: 30, end: { kind: 'ended', reason: 'the hourly renewal', next: 'now' } },
      'session',
    ]);
    await until(() => calls() === 3 && connection.state === 'connected', 'the second renewal');
    expect(test_.states).toEqual([
      { state: 'connecting', detail: 'pbx-events at http://pbx' },
      { state: 'connected', detail: 'pbx-events at http://pbx' },
    ]);
    expect(connection.reconnects).toBe(0);
    expect(test_.logs.filter((l) => l.msg.startsWith('lost the connection'))).toEqual([]);
    expect(
      test_.logs.filter((l) => l.msg === 'pbx-events at http://pbx renewed the session (the hourly renewal)'),
    ).toHaveLength(2);
    await new Promise((r) => setImmediate(r));
    expect(test_.events.map((e) => e.type)).toEqual(['adapter.connected']);
    await test_.close();
  });

  test('a renewal that fails is a lost connection like any other', async () => {
    const { test_, connection } = run([
      { hold: 30, end: { kind: 'ended', reason: 'the hourly renewal', next: 'now' } },
      notConnected(),
    ]);
    await until(() => connection.state === 'disconnected', 'the failed renewal');
    expect(test_.states.slice(0, 3).map((s) => s.state)).toEqual(['connecting', 'connected', 'disconnected']);
    await until(() => test_.events.some((e) => e.type === 'adapter.disconnected'), 'adapter.disconnected');
    await test_.close();
  });

  test('a streak of failures a person must fix stays failed: adapter.error once per code, not per retry', async () => {
    const mustFix = (code: string, message: string) =>
      ConnectionError.notConnected(message, { code, report: 'failed' });
    const { test_, connection, calls } = run([
      mustFix('SWB_CONNECTION_LOST', 'the token was refused'),
      mustFix('SWB_CONNECTION_LOST', 'the token was refused'),
      mustFix('SWB_CONNECTION_LOST', 'the token was refused'),
      mustFix('SWB_PLUGIN_OPTIONS', 'too many clients'),
      mustFix('SWB_PLUGIN_OPTIONS', 'too many clients'),
      'session',
    ]);
    await until(() => calls() === 6 && connection.state === 'connected', 'the connection');
    expect(test_.states).toEqual([
      { state: 'connecting', detail: 'pbx-events at http://pbx' },
      { state: 'failed', detail: 'the token was refused' },
      { state: 'failed', detail: 'too many clients' },
      { state: 'connected', detail: 'pbx-events at http://pbx' },
    ]);
    await until(() => test_.events.some((e) => e.type === 'adapter.connected'), 'adapter.connected');
    expect(test_.events.filter((e) => e.type === 'adapter.error').map((e) => e.vars.code)).toEqual([
      'SWB_CONNECTION_LOST',
      'SWB_PLUGIN_OPTIONS',
    ]);
    const levels = test_.logs
      .filter((l) => l.msg === 'the token was refused' || l.msg === 'too many clients')
      .map((l) => l.level);
    expect(levels).toEqual(['error', 'warn', 'warn', 'error', 'warn']);
    await test_.close();
  });

  test('refused: failed, logged at error once, adapter.error with the code, no more attempts', async () => {
    const { test_, calls, connection } = run([
      ConnectionError.refused('the token was refused', { code: 'SWB_CONNECTION_LOST' }),
    ]);
    await until(() => connection.state === 'failed', 'the failed state');
    await new Promise((r) => setImmediate(r));
    expect(calls()).toBe(1);
    expect(test_.logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'the token was refused',
    ]);
    expect(test_.states.at(-1)).toEqual({ state: 'failed', detail: 'the token was refused' });
    await until(() => test_.events.some((e) => e.type === 'adapter.error'), 'adapter.error');
    expect(test_.events.find((e) => e.type === 'adapter.error')?.vars).toEqual({
      detail: 'the token was refused',
      code: 'SWB_CONNECTION_LOST',
    });
    await expect(connection.connected()).rejects.toThrow(/stopped/);
    await test_.close();
  });

  test('end of stream stops the connection', async () => {
    const { test_, connection, calls } = run([ConnectionError.endOfStream('the recording ended')]);
    await until(() => connection.state === 'stopped', 'the stopped state');
    expect(calls()).toBe(1);
    await test_.close();
  });

  test('stop closes the live session; connected() resolves with it while up', async () => {
    const { test_, connection, sessions } = run(['session']);
    const session = await connection.connected();
    expect(session).toBe(sessions[0]);
    expect(connection.state).toBe('connected');
    await test_.stop();
    expect(sessions[0]?.closed).toBe(true);
    expect(connection.state).toBe('stopped');
    await test_.close();
  });

  test('a lost lease closes the session and takes the lease again before reconnecting', async () => {
    const lost = new AbortController();
    const fences: number[] = [];
    const leases: LeaseManager = {
      acquire: async (resource, signal): Promise<Lease> => {
        signal.throwIfAborted();
        fences.push(fences.length + 1);
        const current = fences.length === 1 ? lost.signal : new AbortController().signal;
        return { resource, fence: fences.length, lost: current, release: async () => undefined };
      },
    };
    const { test_, connection, sessions } = run(['session', 'session'], {}, leases);
    await connection.connected();
    lost.abort();
    await until(() => sessions.length === 2 && connection.state === 'connected', 'the second session');
    expect(sessions[0]?.closed).toBe(true);
    expect(fences).toEqual([1, 2]);
    await test_.close();
  });
});
