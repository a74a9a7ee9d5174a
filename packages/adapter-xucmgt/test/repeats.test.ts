import { ManualClock } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import { repeatKey } from '../src/mapping/repeatKey.js';
import type { ThirdPartyRequest } from '../src/mapping/thirdPartyRequestSchema.js';
import { sampleRequest } from '../src/testing/index.js';
import { RecentAnswers } from '../src/transport/RecentAnswers.js';

const body = (shape: '2016' | '2017' | '2024', options: Parameters<typeof sampleRequest>[1] = {}) =>
  sampleRequest(shape, options) as unknown as ThirdPartyRequest;

describe('repeatKey: the same ring for the same agent', () => {
  test('the same call and agent (and token) is the same key, in every shape', () => {
    for (const shape of ['2016', '2017', '2024'] as const) {
      const token = shape === '2024' ? 'jwt-a' : undefined;
      expect(repeatKey(body(shape, { callId: 'c1', token }))).toBe(
        repeatKey(body(shape, { callId: 'c1', token })),
      );
    }
  });

  test('another call, another agent or another user token is another key', () => {
    const first = repeatKey(body('2017', { callId: 'c1' }));
    expect(repeatKey(body('2017', { callId: 'c2' }))).not.toBe(first);
    const otherAgent = { ...body('2017', { callId: 'c1' }) };
    expect(repeatKey({ ...otherAgent, user: { ...otherAgent.user, agentId: 2 } })).not.toBe(first);
    expect(repeatKey(body('2024', { callId: 'c1', token: 'jwt-a' }))).not.toBe(
      repeatKey(body('2024', { callId: 'c1', token: 'jwt-b' })),
    );
    // 2016 bodies have no call id: the whole body tells rings apart.
    expect(repeatKey(body('2016', { caller: '1001' }))).not.toBe(repeatKey(body('2016', { caller: '1002' })));
  });

  test('never contains the token', () => {
    expect(repeatKey(body('2024', { callId: 'c1', token: 'jwt-secret-value' }))).not.toContain('jwt-secret');
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
