import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { request } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures } from './runCli.js';

const salesRule = `rules:
  - name: sales-popup
    on: call.answered
    if: { "==": [{ var: call.queue }, "Sales"] }
    do:
      - wakeup: { url: "http://crm.example/sales?call={{ call.id }}" }
`;

let daemon: DaemonProcess | undefined;
let dir: TempDir | undefined;
afterEach(async () => {
  await daemon?.stop('SIGKILL');
  await dir?.remove();
  daemon = undefined;
  dir = undefined;
});

/** A daemon with the recorder adapter (its actions land in actions.ndjson) and one Sales rule. */
async function start(extraConfig = '', env: NodeJS.ProcessEnv = {}, args: string[] = []) {
  dir = await tempDir();
  await dir.write('rules.yaml', salesRule);
  const config = await dir.write(
    'switchboard.yaml',
    `adapters:
  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options:
      out: actions.ndjson
      events: [ { id: e1, type: call.answered, call: { id: c1, queue: Sales } } ]
rules: [ rules.yaml ]
log: { format: json }
${extraConfig}`,
  );
  daemon = await spawnDaemon(config, { cwd: dir.path, env, args });
  return { admin: daemon.admin as string, daemon, dir };
}

/** What the recorder adapter carried out, as it wrote it. */
const carriedOut = async (d: TempDir): Promise<{ action: string; params: Record<string, unknown> }[]> => {
  const text = await readFile(join(d.path, 'actions.ndjson'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
};

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const testEvent = (id: string, queue = 'Sales') => ({
  instance: 'rec',
  event: { type: 'call.answered', call: { id, queue } },
});

describe('the console API for operators', () => {
  test('loaded rules with file:line:col, hits and last fired; hot reload on', async () => {
    const { admin, daemon } = await start();
    await daemon.waitForLog((l) => l.msg?.startsWith('action wakeup via rec ok'), 'the first action');
    await waitFor(async () => {
      const loaded = (await (await fetch(`${admin}/api/rules`)).json()) as { rules: { hits: number }[] };
      return loaded.rules[0]?.hits === 1;
    }, 'the hit counted');
    const loaded = (await (await fetch(`${admin}/api/rules`)).json()) as { rules: { lastFired?: unknown }[] };
    expect(loaded).toMatchObject({
      watching: true,
      rules: [
        {
          name: 'sales-popup',
          file: 'rules.yaml',
          line: 2,
          col: 5,
          on: ['call.answered'],
          actions: [{ name: 'wakeup', line: 6 }],
          hits: 1,
          failures: 0,
        },
      ],
    });
    expect(typeof loaded.rules[0]?.lastFired).toBe('string');
  });

  test('a failed reload is kept with each problem at file:line:col; the next good one too', async () => {
    const { admin, dir } = await start();
    await dir.write('rules.yaml', salesRule.replace('wakeup:', 'wakup:'));
    const failed = await waitFor(async () => {
      const list = (await (await fetch(`${admin}/api/reloads`)).json()) as { ok: boolean }[];
      return list[0]?.ok === false ? list : undefined;
    }, 'the failed reload');
    expect(failed[0]).toMatchObject({
      trigger: 'file change',
      ok: false,
      rules: 1,
      problems: [
        {
          file: 'rules.yaml',
          line: 6,
          col: 9,
          code: 'SWB_RULE_UNKNOWN_ACTION',
          message: 'unknown action `wakup`; did you mean `wakeup`?',
        },
      ],
    });
    expect(failed.at(-1)).toMatchObject({ trigger: 'start', ok: true, rules: 1 });
    await dir.write('rules.yaml', salesRule);
    await waitFor(async () => {
      const list = (await (await fetch(`${admin}/api/reloads`)).json()) as { ok: boolean }[];
      return list[0]?.ok === true && list.length === 3;
    }, 'the good reload after it');
  });

  test('--no-watch and SWITCHBOARD_WATCH=false turn hot reload off, and the console says so', async () => {
    const flag = await start('', {}, ['--no-watch']);
    expect(await (await fetch(`${flag.admin}/api/rules`)).json()).toMatchObject({ watching: false });
    await flag.daemon.stop();
    await flag.dir.remove();
    const env = await start('', { SWITCHBOARD_WATCH: 'false' });
    expect(await (await fetch(`${env.admin}/api/rules`)).json()).toMatchObject({ watching: false });
  });

  test('a test event: a dry run shows what would happen and carries nothing out; for real it is carried out', async () => {
    const { admin, daemon, dir } = await start();
    await daemon.waitForLog((l) => l.msg?.startsWith('action wakeup via rec ok'), 'the first action');
    const before = (await carriedOut(dir)).length;

    const dry = await post(`${admin}/api/test-event`, { ...testEvent('dry-1'), dryRun: true });
    expect(dry.statusCode).toBe(200);
    const dryAnswer = (await dry.body.json()) as Record<string, unknown>;
    expect(dryAnswer).toMatchObject({
      ok: true,
      dryRun: true,
      results: [
        {
          status: 'handled',
          matched: ['sales-popup'],
          outcomes: [
            {
              action: 'wakeup',
              instance: 'rec',
              status: 'ok',
              params: { url: 'http://crm.example/sales?call=dry-1' },
            },
          ],
          rules: [{ rule: 'sales-popup', matched: true, condition: { truthy: true } }],
        },
      ],
    });
    expect((await carriedOut(dir)).length).toBe(before);

    const notSales = await post(`${admin}/api/test-event`, {
      ...testEvent('dry-2', 'Support'),
      dryRun: true,
    });
    expect(await notSales.body.json()).toMatchObject({
      results: [{ matched: [], outcomes: [], rules: [{ rule: 'sales-popup', matched: false }] }],
    });

    const real = await post(`${admin}/api/test-event`, { ...testEvent('real-1'), dryRun: false });
    expect(real.statusCode).toBe(200);
    expect(await real.body.json()).toMatchObject({
      ok: true,
      dryRun: false,
      results: [{ matched: ['sales-popup'] }],
    });
    const done = await carriedOut(dir);
    expect(done.slice(before)).toEqual([
      { action: 'wakeup', params: expect.objectContaining({ url: 'http://crm.example/sales?call=real-1' }) },
    ]);
    // The real one went through the live daemon: it is in the journal like any event.
    const events = await (await fetch(`${admin}/api/events?callId=REAL`)).json();
    expect(events).toMatchObject([{ event: { call: { id: 'real-1' } }, matched: ['sales-popup'] }]);
    expect(
      daemon.logs.some((l) => l.msg === 'console: test event call.answered from rec (carried out for real)'),
    ).toBe(true);
  });

  test('a test event that is no valid event is refused with the reasons; so is a bad request', async () => {
    const { admin } = await start();
    const typo = await post(`${admin}/api/test-event`, {
      instance: 'rec',
      dryRun: true,
      event: { type: 'call.answerd', call: { id: 'x', queu: 'Sales' } },
    });
    expect(typo.statusCode).toBe(400);
    expect(await typo.body.json()).toEqual({
      ok: false,
      problems: [
        'unknown event type `call.answerd`; did you mean `call.answered`?',
        '`call` has an unknown property `queu`; did you mean `queue`?',
      ],
    });
    const unknownInstance = await post(`${admin}/api/test-event`, {
      ...testEvent('x'),
      instance: 'recc',
      dryRun: true,
    });
    expect(unknownInstance.statusCode).toBe(400);
    expect(await unknownInstance.body.json()).toEqual({
      ok: false,
      problems: ['unknown adapter instance `recc`; configured: `rec`'],
    });
    const noMode = await post(`${admin}/api/test-event`, testEvent('x'));
    expect(noMode.statusCode).toBe(400);
    expect(await noMode.body.json()).toEqual({
      ok: false,
      problems: ['the request is missing the required property `dryRun`'],
    });
    const deep = await request(`${admin}/api/test-event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"instance":"rec","dryRun":true,"event":{"type":"call.answered","vars":${'{"a":'.repeat(200)}1${'}'.repeat(200)}}}`,
    });
    expect(deep.statusCode).toBe(400);
    await deep.body.text();
  });

  test('a test event must come from the console itself: JSON, same origin, and the token off loopback', async () => {
    const { admin, dir } = await start();
    const body = JSON.stringify({ ...testEvent('csrf-1'), dryRun: false });
    // What a web page can send cross-site without a CORS preflight: a form post or text/plain.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const refused = await request(`${admin}/api/test-event`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      expect(refused.statusCode, type).toBe(415);
      await refused.body.text();
    }
    const otherOrigin = await post(`${admin}/api/test-event`, JSON.parse(body), {
      origin: 'http://evil.example',
    });
    expect(otherOrigin.statusCode).toBe(403);
    await otherOrigin.body.text();
    const crossSite = await post(`${admin}/api/test-event`, JSON.parse(body), {
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.statusCode).toBe(403);
    await crossSite.body.text();
    const nullOrigin = await post(`${admin}/api/test-event`, JSON.parse(body), { origin: 'null' });
    expect(nullOrigin.statusCode).toBe(403);
    await nullOrigin.body.text();
    const rebound = await post(`${admin}/api/test-event`, JSON.parse(body), { host: 'evil.example' });
    expect(rebound.statusCode).toBe(421);
    await rebound.body.text();
    const sameOrigin = await post(`${admin}/api/test-event`, JSON.parse(body), { origin: admin });
    expect(sameOrigin.statusCode).toBe(200);
    await sameOrigin.body.text();
    const done = (await carriedOut(dir)).filter((a) => String(a.params.url).includes('csrf-1'));
    expect(done).toHaveLength(1);
  });

  test('bound beyond loopback, sending a test event needs the token', async () => {
    const token = 'admin-token-0123456789abcdef';
    const { admin } = await start('admin: { host: 0.0.0.0, token: "${ADMIN_TOKEN}" }\n', {
      ADMIN_TOKEN: token,
    });
    const port = new URL(admin).port;
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    expect(external, 'this machine needs a non-loopback IPv4 address for this test').toBeDefined();
    const url = `http://${external}:${port}/api/test-event`;
    const refused = await post(url, { ...testEvent('t-1'), dryRun: true });
    expect(refused.statusCode).toBe(401);
    await refused.body.text();
    const allowed = await post(
      url,
      { ...testEvent('t-2'), dryRun: true },
      { authorization: `Bearer ${token}` },
    );
    expect(allowed.statusCode).toBe(200);
    await allowed.body.text();
  });
});
