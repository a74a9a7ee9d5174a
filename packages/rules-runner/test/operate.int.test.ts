import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures } from './runCli.js';

const popupRule = (host: string) => `rules:
  - name: popup
    on: call.answered
    do:
      - wakeup: { url: "http://${host}/sales?call={{ call.id }}" }
`;

let daemon: DaemonProcess | undefined;
let dir: TempDir | undefined;
afterEach(async () => {
  await daemon?.stop('SIGKILL');
  await dir?.remove();
  daemon = undefined;
});

async function startFlowing(extraConfig = '', env: NodeJS.ProcessEnv = {}) {
  dir = await tempDir();
  await dir.write('rules.yaml', popupRule('old.example'));
  const config = await dir.write(
    'switchboard.yaml',
    `adapters:
  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options:
      out: actions.ndjson
      every: 40
      events: [ { id: e, type: call.answered, call: { id: c, queue: Sales } } ]
rules: [ rules.yaml ]
log: { format: json }
${extraConfig}`,
  );
  daemon = await spawnDaemon(config, { cwd: dir.path, env });
  return { config, dir, daemon };
}

const wakeups = (d: DaemonProcess) =>
  d.logs
    .filter((l) => typeof l.msg === 'string' && l.msg.startsWith('action wakeup via rec ok'))
    .map((l) => l.msg);

describe('operating the daemon', () => {
  test('health, readiness and metrics with non-zero counters', async () => {
    const { daemon } = await startFlowing();
    await daemon.waitForLog((l) => l.msg?.startsWith('action wakeup'), 'an action');
    const admin = daemon.admin as string;
    expect(await (await fetch(`${admin}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${admin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      notReady: [],
      instances: [{ instance: 'rec', state: 'connected' }],
    });
    const metrics = await (await fetch(`${admin}/metrics`)).text();
    for (const name of [
      'switchboard_events_total',
      'switchboard_rule_matches_total',
      'switchboard_actions_total',
    ]) {
      const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && !l.includes('adapter.'));
      expect(line, name).toBeDefined();
      expect(Number(line?.split(' ').pop())).toBeGreaterThan(0);
    }
    expect(metrics).toContain('switchboard_adapter_up{instance="rec"} 1');
    // DNS rebinding: a page whose host name now points at 127.0.0.1 still sends its own Host header.
    const { request } = await import('undici');
    const rebound = await request(`${admin}/api/events`, { headers: { host: 'evil.example' } });
    expect(rebound.statusCode).toBe(421);
    await rebound.body.text();
    expect(metrics).toMatch(/switchboard_open_calls \d+/);
  });

  test('editing a rule file while events flow: the new rule applies from the next event; a broken edit keeps the old rules', async () => {
    const { daemon, dir } = await startFlowing();
    await waitFor(() => wakeups(daemon).length > 0, 'a first action');
    await dir.write('rules.yaml', popupRule('new.example'));
    await daemon.waitForLog((l) => l.msg === 'rules reloaded: 1 rule(s)', 'the reload');
    await waitFor(
      () => wakeups(daemon).some((m) => m.includes('new.example')),
      'an action with the new rule',
    );
    const afterSwap = wakeups(daemon);
    const firstNew = afterSwap.findIndex((m) => m.includes('new.example'));
    expect(afterSwap.slice(firstNew).every((m) => m.includes('new.example'))).toBe(true);
    // No event lost or handled twice across the swap: one popup per call, in order.
    const calls = afterSwap.map((m) => /call=([^"&]+)/.exec(m)?.[1]);
    expect(new Set(calls).size).toBe(calls.length);
    const answered = daemon.logs.filter((l) => l.msg === 'event call.answered from rec').length;
    expect(answered - afterSwap.length).toBeLessThanOrEqual(1);

    await dir.write(
      'rules.yaml',
      'rules:\n  - name: popup\n    on: call.answerd\n    do:\n      - wakup: {}\n',
    );
    const failure = await daemon.waitForLog((l) => l.msg?.startsWith('reload failed'), 'the failed reload');
    expect(failure.msg).toBe('reload failed: 2 problem(s); the previous rules keep running');
    const problems = daemon.logs.filter((l) => typeof l.problem === 'string').map((l) => l.problem);
    expect(problems).toContain(
      'rules.yaml:3:9 unknown event type `call.answerd`; did you mean `call.answered`? [SWB_RULE_UNKNOWN_EVENT]',
    );
    expect(problems).toContain(
      'rules.yaml:5:9 unknown action `wakup`; did you mean `wakeup`? [SWB_RULE_UNKNOWN_ACTION]',
    );
    const count = wakeups(daemon).length;
    await waitFor(() => wakeups(daemon).length > count + 2, 'the old rules to keep firing');
    expect(
      wakeups(daemon)
        .slice(count)
        .every((m) => m.includes('new.example')),
    ).toBe(true);
    const metrics = await (await fetch(`${daemon.admin}/metrics`)).text();
    expect(metrics).toContain('switchboard_rule_reloads_total{result="success"} 1');
    expect(metrics).toContain('switchboard_rule_reloads_total{result="failure"} 1');
  });

  test('SIGHUP reloads the rules', async () => {
    const { daemon, dir } = await startFlowing('watch: false\n');
    await waitFor(() => wakeups(daemon).length > 0, 'a first action');
    await dir.write('rules.yaml', popupRule('hup.example'));
    await sleep(200);
    expect(wakeups(daemon).some((m) => m.includes('hup.example'))).toBe(false);
    daemon.process.kill('SIGHUP');
    await daemon.waitForLog((l) => l.msg === 'rules reloaded: 1 rule(s)', 'the SIGHUP reload');
    await waitFor(
      () => wakeups(daemon).some((m) => m.includes('hup.example')),
      'an action with the reloaded rule',
    );
  });

  test('bound beyond loopback, the admin surface refuses requests without the token', async () => {
    const token = 'admin-token-0123456789abcdef';
    const { daemon } = await startFlowing('admin: { host: 0.0.0.0, token: "${ADMIN_TOKEN}" }\n', {
      ADMIN_TOKEN: token,
    });
    const port = new URL(daemon.admin as string).port;
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    expect(external, 'this machine needs a non-loopback IPv4 address for this test').toBeDefined();
    const refused = await fetch(`http://${external}:${port}/console/`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'unauthorized' });
    expect((await fetch(`http://${external}:${port}/metrics`)).status).toBe(401);
    const allowed = await fetch(`http://${external}:${port}/readyz`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(allowed.status).toBe(200);
    const login = await fetch(`http://${external}:${port}/console/login?token=${token}`, {
      redirect: 'manual',
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    const withCookie = await fetch(`http://${external}:${port}/api/instances`, {
      headers: { cookie: cookie.split(';')[0] as string },
    });
    expect(withCookie.status).toBe(200);
    expect(JSON.stringify(daemon.logs)).not.toContain(token);
  });

  test('secrets never appear in the console API', async () => {
    const secret = 'sk-console-9f8e7d6c5b4a';
    dir = await tempDir();
    await dir.write(
      'rules.yaml',
      `rules:
  - name: logged
    on: call.answered
    do:
      - log: { message: "calling the CRM with \${CRM_SECRET}" }
`,
    );
    const config = await dir.write(
      'switchboard.yaml',
      `adapters:
  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options:
      out: actions.ndjson
      token: inline-token-abcdef
      events: [ { id: e, type: call.answered, call: { id: c }, vars: { token: "vendor-token-xyz", note: "ok" } } ]
rules: [ rules.yaml ]
log: { format: json }
`,
    );
    daemon = await spawnDaemon(config, { cwd: dir.path, env: { CRM_SECRET: secret } });
    await daemon.waitForLog((l) => l.msg?.startsWith('action log via rec ok'), 'the log action');
    const events = await (await fetch(`${daemon.admin}/api/events`)).text();
    expect(events).toContain('calling the CRM with [REDACTED]');
    expect(events).not.toContain(secret);
    expect(events).not.toContain('vendor-token-xyz');
    const instances = await (await fetch(`${daemon.admin}/api/instances`)).text();
    expect(instances).not.toContain('inline-token-abcdef');
  });

  test('a non-loopback admin host without a token is a config error', async () => {
    dir = await tempDir();
    const config = await dir.write('switchboard.yaml', 'admin: { host: 0.0.0.0 }\n');
    await expect(spawnDaemon(config, { cwd: dir.path })).rejects.toThrow(
      /switchboard\.yaml:1:16 the admin surface on a non-loopback address needs `admin\.token`/,
    );
  });
});
