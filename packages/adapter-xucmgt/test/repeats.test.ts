import { ManualClock } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import { repeatKey } from '../src/mapping/repeatKey.js';
import type { ThirdPartyRequest } from '../src/mapping/thirdPartyRequestSchema.js';
import { sampleRequest } from '../src/testing/index.js';
import { RecentAnswers } from '../src/transport/RecentAnswers.js';

const body = (shape: '2016' | '2017' | '2024', options: Parameters<typeof sampleRequest>[1] = {}) =>
  sampleRequest(shape, options) as unknown as ThirdPartyRequest;

describe('repeatKey: the same ring for the same agent', () => {
  const keyed = { keyChecked: true };
  const key = (request: ThirdPartyRequest) => repeatKey(request, keyed);

  test('the same call and agent (and token) is the same key, in every shape', () => {
    for (const shape of ['2016', '2017', '2024'] as const) {
      const token = shape === '2024' ? 'jwt-a' : undefined;
      expect(key(body(shape, { callId: 'c1', token }))).toBe(key(body(shape, { callId: 'c1', token })));
    }
  });

  test('another call, another agent or another user token is another key', () => {
    const first = key(body('2017', { callId: 'c1' }));
    expect(key(body('2017', { callId: 'c2' }))).not.toBe(first);
    const otherAgent = { ...body('2017', { callId: 'c1' }) };
    expect(key({ ...otherAgent, user: { ...otherAgent.user, agentId: 2 } })).not.toBe(first);
    expect(key(body('2024', { callId: 'c1', token: 'jwt-a' }))).not.toBe(
      key(body('2024', { callId: 'c1', token: 'jwt-b' })),
    );
    // 2016 bodies have no call id: the whole body tells rings apart.
    expect(key(body('2016', { caller: '1001' }))).not.toBe(key(body('2016', { caller: '1002' })));
  });

  test('never contains the token', () => {
    expect(key(body('2024', { callId: 'c1', token: 'jwt-secret-value' }))).not.toContain('jwt-secret');
  });

  test('no key (never shared) for a POST that proves nothing: no secret checked and no user token', () => {
    const unproven = { keyChecked: false };
    expect(repeatKey(body('2016'), unproven)).toBeUndefined();
    expect(repeatKey(body('2017', { callId: 'c1' }), unproven)).toBeUndefined();
    const noToken = body('2024', { callId: 'c1', token: '' });
    expect(repeatKey(noToken, unproven)).toBeUndefined();
    // the user's JWT is a credential a forger does not have: such POSTs may share their answer
    expect(repeatKey(body('2024', { callId: 'c1', token: 'jwt-a' }), unproven)).toBe(
      key(body('2024', { callId: 'c1', token: 'jwt-a' })),
    );
  });
});

describe('RecentAnswers', () => {
  const deferred = () => {
    let resolve!: (value: string) => void;
    const promise = new Promise<string>((r) => {
      resolve = r;
    });
    return { promise, resolve };
  };

  test('a repeat while the first is pending waits for it; within the window it gets the same reply', async () => {
    const clock = new ManualClock(0);
    const recent = new RecentAnswers<string>(clock, 10_000);
    let runs = 0;
    const pending = deferred();
    const work = () => {
      runs += 1;
      return pending.promise;
    };
    const first = recent.once('k', work);
    const second = recent.once('k', work);
    pending.resolve('open');
    expect(await first).toEqual({ reply: 'open', repeated: false });
    expect(await second).toEqual({ reply: 'open', repeated: true });
    clock.advance(9_999);
    expect(await recent.once('k', work)).toEqual({ reply: 'open', repeated: true });
    expect(runs).toBe(1);
    clock.advance(1);
    expect((await recent.once('k', async () => 'none')).repeated).toBe(false);
    expect(await recent.once('other', async () => 'other')).toEqual({ reply: 'other', repeated: false });
  });

  test('without a key every POST runs, and nothing is kept for later ones', async () => {
    const recent = new RecentAnswers<string>(new ManualClock(0), 10_000);
    expect(await recent.once(undefined, async () => 'a')).toEqual({ reply: 'a', repeated: false });
    expect(await recent.once(undefined, async () => 'b')).toEqual({ reply: 'b', repeated: false });
    expect(recent.size).toBe(0);
  });

  test('a window of 0 runs every POST; a failed run is not kept', async () => {
    const off = new RecentAnswers<string>(new ManualClock(0), 0);
    expect((await off.once('k', async () => 'a')).repeated).toBe(false);
    expect((await off.once('k', async () => 'b')).reply).toBe('b');
    const recent = new RecentAnswers<string>(new ManualClock(0), 10_000);
    await expect(recent.once('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await recent.once('k', async () => 'after')).toEqual({ reply: 'after', repeated: false });
  });

  test('stays bounded', async () => {
    const recent = new RecentAnswers<string>(new ManualClock(0), 10_000, 3);
    for (const key of ['a', 'b', 'c', 'd']) await recent.once(key, async () => key);
    expect(recent.size).toBe(3);
    expect((await recent.once('a', async () => 'again')).repeated).toBe(false);
  });
});
