import type { ServerResponse } from 'node:http';
import { waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import type { SapiOptions } from '../../src/options.js';
import { agentStatusBody } from '../../src/testing/sapiSamples.js';
import { nestedPrefixes } from '../support/nestedPrefixes.js';
import { startRawSapiServer } from '../support/rawSapiServer.js';
import { type RunningSapiConnection, startSapiConnection } from '../support/startSapiConnection.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const at = 1_700_000_000;
const msgInfo = (sequenceId: number, timestamp = at * 1000 + sequenceId) => ({
  instanceId: 'sapi01',
  sequenceId,
  timestamp,
});
const status = (agentId: string, sequenceId: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    AgentStatusChange: { ...agentStatusBody(agentId, 5, at), msgInfo: msgInfo(sequenceId), ...extra },
  });
const statusXml = (agentId: string, sequenceId: number) =>
  `<AgentStatusChange><agentId>${agentId}</agentId><newState>5</newState><msgInfo><instanceId>sapi01</instanceId><sequenceId>${sequenceId}</sequenceId><timestamp>${at * 1000 + sequenceId}</timestamp></msgInfo></AgentStatusChange>`;
const clientCheck = (sequenceId: number) =>
  JSON.stringify({ ClientCheck: { heartbeat: '[HEARTBEAT]', msgInfo: msgInfo(sequenceId) } });
/** Nested deeper than core's limit for outside JSON. */
const tooDeep = `{"Interaction":{"interactionGUID":"int-deep","a":${'['.repeat(20_000)}${']'.repeat(20_000)},"msgInfo":${JSON.stringify(msgInfo(4))}}}`;

const open = (res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.flushHeaders();
};

/** A raw SAPI server answering each attempt with `respond`, and a connection reading it. */
async function serve(
  respond: (res: ServerResponse, attempt: number) => void,
  sapi: Partial<SapiOptions> = {},
): Promise<{ requests: number[]; s: RunningSapiConnection }> {
  const server = await startRawSapiServer(respond);
  cleanups.push(() => server.close());
  const s = await startSapiConnection(server, { retry: { initialMs: 50, maxMs: 100 }, ...sapi });
  cleanups.push(() => s.stop());
  return { requests: server.requests, s };
}

/** A stream that sends one chunk and stays open. */
const streamOnce = (chunk: string, sapi: Partial<SapiOptions> = {}) =>
  serve((res) => {
    open(res);
    res.write(chunk);
  }, sapi);

const agents = (s: RunningSapiConnection) => s.events.published.map((e) => e.agent?.id ?? e.call?.id);
const reasons = (s: RunningSapiConnection) => s.events.rejected.map((r) => r.reason);
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('SAPI events that cannot be handled do not end the stream', () => {
  test('out-of-range timestamps and an event nested too deep, in one chunk: the others are published, no reconnect', async () => {
    const chunk = [
      status('ag1', 1),
      status('ag2', 2, { statusEventTS: 9e12 }),
      JSON.stringify({
        Interaction: {
          interactionGUID: 'int-late',
          event: 'InteractionQueued',
          msgInfo: msgInfo(3, 9e15),
        },
      }),
      tooDeep,
      status('ag5', 5),
    ].join('\n');
    const { requests, s } = await streamOnce(`${chunk}\n`);
    await waitFor(() => s.events.published.length === 4, 'the events around the bad one', 3000);
    await waitFor(() => s.events.rejected.length === 1, 'the rejected event');
    const published = s.events.published;
    expect(agents(s)).toEqual(['ag1', 'ag2', 'int-late', 'ag5']);
    // Times that no Date can hold fall back: to 8x8's publish time, else the time of arrival.
    expect(published[1]?.time).toBe(new Date(at * 1000 + 2).toISOString());
    expect(Date.parse(published[2]?.time ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(s.events.rejected).toEqual([
      {
        reason: 'sapi-malformed-message',
        detail: {
          error: 'JSON nested deeper than 64 levels',
          chars: tooDeep.length,
          text: expect.stringMatching(/^\{"Interaction"/),
        },
      },
    ]);
    await settle();
    expect(requests).toHaveLength(1);
    expect(s.events.states.map((x) => x.state)).toEqual(['connecting', 'connected']);
  });

  test('a 60 KB frame of nested length prefixes mid-stream: one rejection, the events after it arrive, no reconnect', async () => {
    const nested = nestedPrefixes(60_000, status('deep', 2));
    const { requests, s } = await serve((res) => {
      open(res);
      res.write(`${status('ag1', 1)}\n`);
      res.write(`${nested}\n`);
      for (let n = 3; n <= 10; n++) res.write(`${status(`ag${n}`, n)}\n`);
    });
    await waitFor(() => s.events.published.length === 9, 'the events after the nested frame');
    expect(agents(s)).toEqual(['ag1', 'ag3', 'ag4', 'ag5', 'ag6', 'ag7', 'ag8', 'ag9', 'ag10']);
    expect(reasons(s)).toEqual(['sapi-malformed-message']);
    await settle();
    expect(requests).toHaveLength(1);
    expect(s.events.status.state).toBe('connected');
  });

  test('a stream that breaks inside a nested-prefix frame: the subscription resubscribes and goes on', async () => {
    const nested = nestedPrefixes(60_000, status('deep', 2));
    const { requests, s } = await serve((res, attempt) => {
      open(res);
      // A FIN in the middle of the chunked body: everything written arrives, then the stream breaks.
      if (attempt === 1) {
        res.write(`${status('ag1', 1)}\n${nested.slice(0, 30_000)}`);
        res.socket?.end();
      } else res.write(`${status('ag1', 1)}\n${status('ag3', 3)}\n`);
    });
    await waitFor(() => s.events.published.length === 2, 'the event after the reconnect', 5000);
    expect(agents(s)).toEqual(['ag1', 'ag3']);
    expect(s.logs.some((l) => l.code === 'X8_SAPI_NETWORK')).toBe(true);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(reasons(s)).toEqual(['sapi-malformed-message']);
    expect(s.events.status.state).toBe('connected');
  });

  test('NEWLINE_JSON: an event cut short before its line break costs only itself; 8 of 8 later events arrive', async () => {
    const cut = status('ag1', 1).slice(0, 120);
    const later = Array.from({ length: 8 }, (_, i) => status(`ag${i + 2}`, i + 2));
    const lines = [cut, clientCheck(2), ...later.flatMap((e, i) => [e, clientCheck(i + 3)])];
    const { requests, s } = await streamOnce(`${lines.join('\n')}\n`);
    await waitFor(() => s.events.published.length === 8, 'the 8 later events');
    expect(agents(s)).toEqual(['ag2', 'ag3', 'ag4', 'ag5', 'ag6', 'ag7', 'ag8', 'ag9']);
    expect(s.events.rejected).toEqual([
      {
        reason: 'sapi-partial-message',
        detail: { error: 'a line break came before the end of the message', chars: 120, text: cut },
      },
    ]);
    await settle();
    expect(requests).toHaveLength(1);
  });

  test('NEWLINE_XML: an element with a mismatched end tag is rejected and fires nothing; the next event arrives', async () => {
    // The declaration belongs to the first document.
    const broken = `<?xml version='1.0' ?>\n${statusXml('garbage', 1)}`.replace(
      /<\/AgentStatusChange>$/,
      '</AgentStatusChnage>',
    );
    const { s } = await streamOnce(`${broken}\n${statusXml('ag2', 2)}\n`, {
      outputType: 'NEWLINE_XML',
    });
    await waitFor(() => s.events.published.length === 1, 'the next event');
    await waitFor(() => s.events.rejected.length === 1, 'the rejection');
    expect(agents(s)).toEqual(['ag2']);
    expect(s.events.rejected).toEqual([
      {
        reason: 'sapi-malformed-message',
        detail: {
          error: 'malformed XML: the end tag </AgentStatusChnage> does not match <AgentStatusChange>',
          chars: broken.length,
          text: broken.slice(0, 120),
        },
      },
    ]);
  });

  test('a message over sapi.maxMessageChars is dropped and counted; the next one arrives', async () => {
    const big = status('big', 1, { note: 'x'.repeat(5000) });
    const { s } = await streamOnce(`${big}\n${status('ag2', 2)}\n`, { maxMessageChars: 1024 });
    await waitFor(() => s.events.published.length === 1, 'the next event');
    expect(agents(s)).toEqual(['ag2']);
    expect(s.events.rejected).toMatchObject([
      { reason: 'sapi-oversized-message', detail: { chars: big.length } },
    ]);
  });

  test('JSON without line breaks: an event cut short that heartbeats pile onto is a stalled stream, replaced after the read timeout', async () => {
    const { requests, s } = await serve(
      (res, attempt) => {
        open(res);
        if (attempt > 1) {
          res.write(status('ag1', 1) + status('ag2', 2));
          return;
        }
        res.write(status('ag0', 1).slice(0, 100));
        let n = 0;
        const timer = setInterval(() => {
          n += 1;
          res.write(clientCheck(n));
        }, 50);
        res.on('close', () => clearInterval(timer));
      },
      { outputType: 'JSON', readTimeoutSeconds: 0.6 },
    );
    await waitFor(() => s.events.published.length === 2, 'the events after the resubscribe', 5000);
    expect(agents(s)).toEqual(['ag1', 'ag2']);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    const stalled = s.logs.filter((l) => l.code === 'X8_SAPI_STALLED').map((l) => l.msg);
    expect(stalled[0]).toMatch(
      /^lost the connection to 8x8 SAPI at http:\/\/127\.0\.0\.1:\d+: the SAPI stream sent \d+ bytes but no complete message for 1 s$/,
    );
    expect(reasons(s)).toEqual(['sapi-partial-message']);
  });
});
