import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PulsarEmulator } from '../../src/testing/PulsarEmulator.js';
import { hasUrlHostileCharacters } from '../../src/testing/pulsarMessageId.js';
import { agentStatusBody } from '../../src/testing/sapiSamples.js';
import { packageDir } from '../support/packageDir.js';

const apiKey = 'eght_pulsarKey-9d4c7e21ab';

/** The CRM the rule calls: one delivery per agent id expected, counted with the action's Idempotency-Key. */
interface Sink {
  readonly url: string;
  readonly deliveries: { agent: string; key: string }[];
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const deliveries: Sink['deliveries'] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      const agent = String((JSON.parse(text) as { agent: unknown }).agent);
      deliveries.push({ agent, key: String(req.headers['idempotency-key']) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deliveries,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let dir: TempDir;
let emulator: PulsarEmulator;
let sink: Sink;
const daemons: DaemonProcess[] = [];

beforeEach(async () => {
  dir = await tempDir('switchboard-8x8-stream-');
  emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['event-v1/*'] }, messageIds: 'with-+/=' });
  sink = await startSink();
  await dir.write(
    'rules.yaml',
    `rules:
  - name: agent-state-to-crm
    on: agent.state
    do:
      - http:
          method: POST
          url: "${sink.url}/agents"
          idempotencyKey: true
          body: { agent: "{{ agent.id }}" }
`,
  );
  await writeConfig();
});

afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
  await emulator.close();
  await sink.close();
  await dir.remove();
});

async function writeConfig(topic = 'event-v1/all'): Promise<void> {
  await dir.write(
    'switchboard.yaml',
    `adapters:
  cc:
    use: ${packageDir}
    options:
      eventStream:
        url: ${emulator.url}
        tenant: acmecorp01
        topic: ${topic}
        apiKey: \${X8_EVENT_STREAM_KEY}
        startAt: earliest
        retry: { initialMs: 100, maxMs: 500 }
rules: [ rules.yaml ]
state: { dir: state }
log: { format: json, level: debug }
`,
  );
}

async function startDaemon(key = apiKey, connected = true): Promise<DaemonProcess> {
  const daemon = await spawnDaemon(`${dir.path}/switchboard.yaml`, {
    cwd: dir.path,
    env: { X8_EVENT_STREAM_KEY: key },
  });
  daemons.push(daemon);
  if (connected)
    await daemon.waitForLog((l) => l.msg === 'adapter cc connected', 'the Event Streaming reader');
  return daemon;
}

let published = 0;
function publishAgent(): void {
  emulator.publish({ type: 'AgentStatusChange', body: agentStatusBody(`ag${published}`, 5, published) });
  published += 1;
}

/**
 * Lost: published agents never delivered. Doubled: agents delivered under more than one Idempotency-Key
 * (a double the CRM cannot recognise). Resent: the same key again — what core's `repeatable` `http`
 * does after a SIGKILL between the request and its `done` marker, which a CRM honouring the header drops.
 */
function tally(total: number) {
  const byAgent = new Map<string, Set<string>>();
  for (const d of sink.deliveries) byAgent.set(d.agent, (byAgent.get(d.agent) ?? new Set()).add(d.key));
  let lost = 0;
  for (let i = 0; i < total; i++) if (!byAgent.has(`ag${i}`)) lost += 1;
  let keys = 0;
  for (const set of byAgent.values()) keys += set.size;
  return {
    lost,
    doubled: keys - byAgent.size,
    delivered: byAgent.size,
    resent: sink.deliveries.length - keys,
  };
}

beforeEach(() => {
  published = 0;
});

describe('8x8 Event Streaming through the real rules-runner daemon', () => {
  test('N events on event-v1/all fire their rule once each; the key appears in no log line', async () => {
    const daemon = await startDaemon();
    for (let i = 0; i < 60; i++) publishAgent();
    await waitFor(() => sink.deliveries.length >= 60, 'every delivery', 20_000);
    await waitFor(() => emulator.acked === 60, 'every message acknowledged');
    await new Promise((r) => setTimeout(r, 300));
    expect(tally(60)).toEqual({ lost: 0, doubled: 0, delivered: 60, resent: 0 });
    expect(JSON.stringify(daemon.logs) + daemon.stderr()).not.toContain(apiKey);
    expect(await daemon.stop()).toBe(0);
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(`the daemon restarted with ${signal} while events keep coming: resumes from its stored message id, 0 lost, 0 doubled`, async () => {
      let daemon = await startDaemon();
      // A steady stream up to a limit raised phase by phase, so each phase sees events however loaded
      // the machine is: before the restart, while the daemon is down, after it.
      let limit = 40;
      const publisher = setInterval(() => {
        if (published < limit) publishAgent();
      }, 10);
      try {
        await waitFor(() => sink.deliveries.length >= 15, 'deliveries before the restart', 20_000);
        await daemon.stop(signal);
        limit += 30;
        await waitFor(() => published === limit, 'events while the daemon is down');
        const resumeFrom = emulator.ackedIds.at(-1);
        daemon = await startDaemon();
        limit += 30;
        await waitFor(() => published === limit, 'events after the restart');
        await waitFor(() => tally(limit).delivered === limit, 'every agent delivered', 30_000);
        await waitFor(
          () => emulator.acked > 0 && emulator.ackedIds.at(-1) === emulator.log.at(-1)?.messageId,
          'the last ack',
        );
        await new Promise((r) => setTimeout(r, 300));
        const counts = tally(limit);
        expect({ ...counts, resent: 0 }).toEqual({ lost: 0, doubled: 0, delivered: limit, resent: 0 });
        // SIGTERM drains: nothing is even resent. SIGKILL may resend an http whose `done` was not yet durable.
        if (signal === 'SIGTERM') expect(counts.resent).toBe(0);
        else console.info(`SIGKILL: ${counts.resent} http request(s) resent with their Idempotency-Key`);
        const readers = emulator.requests.filter((r) => r.status === 101).map((r) => r.query.messageId);
        expect(readers).toHaveLength(2);
        expect(readers[0]).toBe('earliest');
        // The second reader resumed from a stored id (+, / and = intact), at or after the last acknowledged one.
        expect(hasUrlHostileCharacters(String(readers[1]))).toBe(true);
        const resumedAt = emulator.log.findIndex((e) => e.messageId === readers[1]);
        expect(resumedAt).toBeGreaterThanOrEqual(emulator.log.findIndex((e) => e.messageId === resumeFrom));
      } finally {
        clearInterval(publisher);
      }
    }, 60_000);
  }

  test('the emulator killed mid-stream and restarted on a new ledger: 0 lost, 0 doubled', async () => {
    await startDaemon();
    let limit = 40;
    const publisher = setInterval(() => {
      if (published < limit) publishAgent();
    }, 10);
    try {
      await waitFor(() => sink.deliveries.length >= 15, 'deliveries before the kill', 20_000);
      await emulator.kill();
      limit += 20;
      await waitFor(() => published === limit, 'events while the broker is down');
      await emulator.restart({ newLedger: true });
      limit += 30;
      await waitFor(() => published === limit, 'events after the restart');
      await waitFor(() => tally(limit).delivered === limit, 'every agent delivered', 30_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(tally(limit)).toEqual({ lost: 0, doubled: 0, delivered: limit, resent: 0 });
    } finally {
      clearInterval(publisher);
    }
  }, 60_000);

  test.each([
    ['a wrong key', '401 X8_STREAM_AUTH', 'eght_wrongKey-0000000001', 'event-v1/all', 401, 'X8_STREAM_AUTH'],
    [
      'a key without the topic',
      '403 X8_STREAM_FORBIDDEN',
      apiKey,
      'agent-v1/agA',
      403,
      'X8_STREAM_FORBIDDEN',
    ],
  ] as const)(
    '%s: HTTP %s, not ready, no retry; the key is in no log, console or metrics',
    async (_what, _name, key, topic, status, code) => {
      await writeConfig(topic);
      const daemon = await startDaemon(key, false);
      const error = await daemon.waitForLog((l) => l.code === code, `the ${code} log line`);
      expect(error.level).toBe(50);
      const ready = await waitFor(async () => {
        const response = await fetch(`${daemon.admin}/readyz`);
        const body = (await response.json()) as { instances: { state: string; detail?: string }[] };
        return response.status === 503 && body.instances[0]?.state === 'failed' ? body : undefined;
      }, 'readiness to say failed');
      expect(ready.instances[0]?.detail).toContain(`HTTP ${status}`);
      await waitFor(async () => {
        const events = await (await fetch(`${daemon.admin}/api/events`)).text();
        return events.includes(code);
      }, 'adapter.error in the console');
      await new Promise((r) => setTimeout(r, 1000));
      expect(emulator.requests).toHaveLength(1);
      const surfaces = await Promise.all(
        ['/readyz', '/metrics', '/api/instances', '/api/events'].map(async (path) =>
          (await fetch(`${daemon.admin}${path}`)).text(),
        ),
      );
      for (const text of [...surfaces, JSON.stringify(daemon.logs), daemon.stderr()])
        expect(text).not.toContain(key);
      expect(await daemon.stop()).toBe(0);
    },
    30_000,
  );
});
