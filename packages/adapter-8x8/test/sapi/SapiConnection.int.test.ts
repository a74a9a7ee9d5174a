import { MemoryStateStore } from '@switchboard/core/testing';
import { waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { SapiEmulator } from '../../src/testing/SapiEmulator.js';
import type { SapiEmulatorOptions } from '../../src/testing/SapiEmulatorOptions.js';
import { inboundCallEvents } from '../../src/testing/sapiSamples.js';
import { type RunningSapiConnection, startSapiConnection } from '../support/startSapiConnection.js';
import { transferredCallEvents } from '../support/transferredCall.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emulator(options: Partial<SapiEmulatorOptions> = {}): Promise<SapiEmulator> {
  const e = await SapiEmulator.start({ tenant: 'acmecorp01', token: 'tok-secret-123', ...options });
  cleanups.push(() => e.close());
  return e;
}

async function subscribe(...args: Parameters<typeof startSapiConnection>): Promise<RunningSapiConnection> {
  const s = await startSapiConnection(...args);
  cleanups.push(() => s.stop());
  return s;
}

const publishCall = (e: SapiEmulator, guid: string) => {
  for (const event of inboundCallEvents(guid, {
    queue: 'Sales',
    agentId: 'ag1',
    caller: '+12015550123',
    talkSeconds: 30,
  }))
    e.publish(event.type, event.body);
};

const endedCalls = (s: RunningSapiConnection) =>
  s.events.published.filter((e) => e.type === 'call.ended').map((e) => e.call?.id);

describe('SapiConnection against the SAPI emulator', () => {
  test('subscribes with Basic auth and a durable subscription id; events flow in order', async () => {
    const sapi = await emulator({
      framing: { padding: 2048, handshake: true, lengthPrefix: true },
      clientCheckMs: 50,
    });
    const s = await subscribe(sapi, { outputType: 'NEWLINE_XML' });
    await waitFor(() => sapi.connections === 1, 'the subscription');
    publishCall(sapi, 'int-1');
    await waitFor(() => s.events.published.length === 4, 'the four events');
    expect(s.events.published.map((e) => e.type)).toEqual([
      'vendor.event',
      'call.offered',
      'call.answered',
      'call.ended',
    ]);
    expect(s.events.published[3]).toMatchObject({ call: { id: 'int-1', queue: 'Sales', talkSeconds: 30 } });
    expect(s.events.states.map((x) => x.state)).toEqual(['connecting', 'connected']);
    const request = sapi.requests[0]!;
    expect(request).toMatchObject({ status: 200, outputType: 'NEWLINE_XML' });
    expect(request.query).toMatchObject({
      tenantId: 'acmecorp01',
      'X-Atmosphere-Transport': 'streaming',
      'X-Atmosphere-TrackMessageSize': 'true',
    });
    expect(await s.state.get('sapi.subscription')).toEqual({
      tenant: 'acmecorp01',
      subscriptionId: request.subscriptionId,
    });
    expect(s.events.rejected).toEqual([]);
  });

  test('the planned session end is followed at once by a resubscribe with the same id; replays fire once', async () => {
    const sapi = await emulator({ sessionSeconds: 1 });
    const s = await subscribe(sapi, { retry: { initialMs: 5000, maxMs: 5000 } });
    await waitFor(() => sapi.connections === 1, 'the subscription');
    publishCall(sapi, 'int-a');
    await waitFor(() => sapi.requests.length === 2 && sapi.connections === 1, 'the resubscription', 4000);
    publishCall(sapi, 'int-b');
    await waitFor(() => endedCalls(s).length === 2, 'both calls');
    const [first, second] = sapi.requests;
    expect(second!.subscriptionId).toBe(first!.subscriptionId);
    expect(second!.at - first!.at).toBeLessThan(1800);
    expect(endedCalls(s)).toEqual(['int-a', 'int-b']);
    expect(s.events.published).toHaveLength(8);
    expect(s.events.states.map((x) => x.state)).toEqual(['connecting', 'connected']);
  });

  test('a silent stream is detected by the read timeout and replaced; heartbeats keep a stream alive', async () => {
    const silent = await emulator();
    const s = await subscribe(silent, { readTimeoutSeconds: 0.3, retry: { initialMs: 50, maxMs: 100 } });
    await waitFor(() => silent.requests.length >= 2, 'a reconnect after the read timeout', 3000);
    expect(s.logs.some((l) => l.code === 'X8_SAPI_READ_TIMEOUT' && /silent for/.test(l.msg))).toBe(true);

    const alive = await emulator({ clientCheckMs: 50 });
    const t = await subscribe(alive, { readTimeoutSeconds: 0.8, retry: { initialMs: 50, maxMs: 100 } });
    await waitFor(() => alive.connections === 1, 'the subscription');
    await new Promise((r) => setTimeout(r, 1500));
    expect(alive.requests).toHaveLength(1);
    expect(t.events.rejected).toEqual([]);
  });

  test('a wrong token is a clear error, retried with growing delays, never a tight loop', async () => {
    const sapi = await emulator({ token: 'the-right-token' });
    const s = await subscribe(sapi, { token: 'wrong-token-xyz', retry: { initialMs: 100, maxMs: 400 } });
    await new Promise((r) => setTimeout(r, 1300));
    const attempts = sapi.requests.length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(7);
    expect(sapi.requests.every((r) => r.status === 401)).toBe(true);
    const error = s.logs.find((l) => l.code === 'X8_SAPI_AUTH');
    expect(error?.msg).toMatch(
      /refused tenant `acmecorp01` with the configured token \(HTTP 401: Unauthorized\)/,
    );
    expect(JSON.stringify(s.logs)).not.toContain('wrong-token-xyz');
    expect(s.events.states.filter((x) => x.state === 'failed')).toHaveLength(1);
    expect(s.events.states.at(-1)?.detail).toMatch(
      /^8x8 refused tenant `acmecorp01` with the configured token/,
    );
    // One adapter.error for the streak, with the code, however many retries.
    await waitFor(() => s.events.raised.some((e) => e.type === 'adapter.error'), 'adapter.error');
    expect(s.events.raised.filter((e) => e.type === 'adapter.error').map((e) => e.vars.code)).toEqual([
      'X8_SAPI_AUTH',
    ]);
    const gaps = sapi.requests.slice(1).map((r, i) => r.at - sapi.requests[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45);
  });

  test('a baseUrl with user:password@ in it: logs and states name the origin only', async () => {
    const sapi = await emulator();
    const withUser = sapi.url.replace('http://', 'http://proxyuser:proxy-pass-991@');
    const s = await subscribe(
      { url: withUser, options: sapi.options },
      { retry: { initialMs: 50, maxMs: 100 } },
    );
    await waitFor(
      () => s.logs.some((l) => l.msg.startsWith('reconnecting to') || l.msg.startsWith('connected to')),
      'an attempt',
    );
    expect(s.events.states[0]).toEqual({ state: 'connecting', detail: `8x8 SAPI at ${sapi.url}` });
    expect(JSON.stringify([s.logs, s.events.states])).not.toContain('proxy-pass-991');
  });

  test('the clients-per-tenant limit is reported clearly and retried until a slot frees', async () => {
    const sapi = await emulator({ maxClients: 1, clientLimitStatus: 429 });
    const other = await subscribe(sapi, { subscriptionId: 'other-client' });
    await waitFor(() => sapi.connections === 1, 'the other client');
    const s = await subscribe(sapi, { retry: { initialMs: 100, maxMs: 200 } });
    await waitFor(() => s.logs.some((l) => l.code === 'X8_SAPI_REFUSED'), 'the refusal');
    const refusal = s.logs.find((l) => l.code === 'X8_SAPI_REFUSED');
    expect(refusal?.msg).toMatch(
      /HTTP 429: Maximum of 1 clients per tenant reached.*at most 3 clients per tenant/,
    );
    expect(s.events.status.state).toBe('failed');
    await other.stop();
    await waitFor(() => s.events.status.state === 'connected', 'the retry to get the freed slot', 3000);
  });

  test('a stream cut in the middle of an event: the partial event is dropped, the reconnect resumes', async () => {
    const sapi = await emulator();
    const s = await subscribe(sapi, { retry: { initialMs: 50, maxMs: 100 } });
    await waitFor(() => sapi.connections === 1, 'the subscription');
    publishCall(sapi, 'int-1');
    await waitFor(() => s.events.published.length === 4, 'the first call');
    sapi.cutNext();
    publishCall(sapi, 'int-2');
    await waitFor(() => endedCalls(s).length === 2, 'the second call after the reconnect', 4000);
    expect(s.events.rejected.map((r) => r.reason)).toEqual(['sapi-partial-message']);
    expect(sapi.requests.filter((r) => r.status === 200)).toHaveLength(2);
    const ids = s.events.published.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(s.events.published).toHaveLength(8);
    expect(s.logs.some((l) => l.code === 'X8_SAPI_NETWORK')).toBe(true);
  });

  test('a new connection on the same state reuses the subscription id and skips what was handled', async () => {
    const sapi = await emulator();
    const state = new MemoryStateStore();
    const first = await startSapiConnection(sapi, {}, state);
    await waitFor(() => sapi.connections === 1, 'the subscription');
    publishCall(sapi, 'int-1');
    await waitFor(() => first.events.published.length === 4, 'the first call');
    await first.stop();
    publishCall(sapi, 'int-2');
    const second = await subscribe(sapi, {}, state);
    await waitFor(() => endedCalls(second).length === 1, 'the call published while stopped');
    expect(endedCalls(second)).toEqual(['int-2']);
    expect(second.events.published).toHaveLength(4);
    expect(sapi.requests[1]?.subscriptionId).toBe(sapi.requests[0]?.subscriptionId);
  });

  test('a transferred call ends once, even when its last leg comes after a resubscribe', async () => {
    const sapi = await emulator();
    const s = await subscribe(sapi, { retry: { initialMs: 50, maxMs: 100 } });
    await waitFor(() => sapi.connections === 1, 'the subscription');
    const events = transferredCallEvents('int-t', {
      queue: 'Sales',
      caller: '+12015550123',
      from: 'ag1',
      to: 'ag2',
      talkSeconds: 42,
    });
    for (const event of events.slice(0, -1)) sapi.publish(event.type, event.body);
    await waitFor(() => s.events.published.length === 7, 'the call up to the first leg ending');
    sapi.endSessions();
    await waitFor(() => sapi.requests.length === 2 && sapi.connections === 1, 'the resubscription');
    const last = events.at(-1)!;
    sapi.publish(last.type, last.body);
    await waitFor(() => s.events.published.length === 8, 'the last leg');
    const deleted = s.events.published.filter((e) => e.vendorEvent === '8x8.InteractionDeleted');
    expect(deleted.map((e) => [e.type, e.id, e.call?.id, e.agent?.id])).toEqual([
      ['call.ended', 'sapi:int-t:ended', 'int-t', 'ag1'],
      ['vendor.event', expect.stringMatching(/^sapi:emulator01\.sapi-v1:\d+:\d+$/), 'int-t', 'ag2'],
    ]);
    expect(s.events.published.filter((e) => e.type === 'call.ended')).toHaveLength(1);
    expect(s.events.rejected).toEqual([]);
  });
});
