import { waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { agentStatusBody } from '../../src/testing/sapiSamples.js';
import { startRawSapiServer } from '../support/rawSapiServer.js';
import { type RunningSubscriber, startSubscriber } from '../support/startSubscriber.js';

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
/** Nested deeper than decoding can follow: handling it throws (a stack overflow), not a parse error. */
const tooDeep = `{"Interaction":{"interactionGUID":"int-deep","a":${'['.repeat(20_000)}${']'.repeat(20_000)},"msgInfo":${JSON.stringify(msgInfo(4))}}}`;

/** A stream that sends one chunk and stays open, and a subscriber reading it. */
async function streamOnce(chunk: string): Promise<{ requests: number[]; s: RunningSubscriber }> {
  const server = await startRawSapiServer((res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.write(chunk);
  });
  cleanups.push(() => server.close());
  const s = await startSubscriber(server, { retry: { initialMs: 5000, maxMs: 5000 } });
  cleanups.push(() => s.stop());
  return { requests: server.requests, s };
}

describe('SAPI events that cannot be handled do not end the stream', () => {
  test('out-of-range timestamps and an event whose handling throws, in one chunk: the others are published, no reconnect', async () => {
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
    expect(published.map((e) => e.agent?.id ?? e.call?.id)).toEqual(['ag1', 'ag2', 'int-late', 'ag5']);
    // Times that no Date can hold fall back: to 8x8's publish time, else the time of arrival.
    expect(published[1]?.time).toBe(new Date(at * 1000 + 2).toISOString());
    expect(Date.parse(published[2]?.time ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(s.events.rejected).toEqual([
      {
        reason: 'sapi-unmappable-event',
        detail: {
          error: expect.stringMatching(/call stack/),
          text: expect.stringMatching(/^\{"Interaction"/),
        },
      },
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(requests).toHaveLength(1);
    expect(s.events.states.map((x) => x.state)).toEqual(['connecting', 'connected']);
  });
});
