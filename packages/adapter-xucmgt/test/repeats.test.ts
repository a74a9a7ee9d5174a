import { ManualClock, MemoryStateStore } from '@switchboard/core/testing';
import { describe, expect, test } from 'vitest';
import { repeatKey } from '../src/mapping/repeatKey.js';
import type { ThirdPartyRequest } from '../src/mapping/thirdPartyRequestSchema.js';
import { sampleRequest } from '../src/testing/index.js';
import { type AnsweredPost, RepeatedPosts } from '../src/transport/RepeatedPosts.js';

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

describe('RepeatedPosts: answers of recent POSTs in the instance state', () => {
  const answered = (url: string, eventId = 'e1'): AnsweredPost => ({
    answer: { action: 'open', event: 'EventRinging', url, title: 'T', autopause: false },
    eventId,
    callId: 'c1',
  });
  const options = { windowMs: 10_000, waitMs: 1000 };

  test('a repeat while the first is pending waits for it; within the window it gets the same answer', async () => {
    const clock = new ManualClock(0);
    const repeats = new RepeatedPosts(new MemoryStateStore(clock), options);
    let runs = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const work = async () => {
      runs += 1;
      await released;
      return answered('https://crm.example/a');
    };
    const first = repeats.once('k', undefined, work);
    const second = repeats.once('k', undefined, work);
    release();
    expect(await first).toEqual({ post: answered('https://crm.example/a'), repeated: false });
    expect(await second).toEqual({ post: answered('https://crm.example/a'), repeated: true });
    clock.advance(9_999);
    expect((await repeats.once('k', undefined, work)).repeated).toBe(true);
    expect(runs).toBe(1);
    clock.advance(1);
    expect((await repeats.once('k', undefined, async () => answered('x'))).repeated).toBe(false);
  });

  test('kept in the store: another RepeatedPosts on the same store (a restarted daemon) answers the repeat', async () => {
    const store = new MemoryStateStore();
    await new RepeatedPosts(store, options).once('k', undefined, async () =>
      answered('https://crm.example/a'),
    );
    const afterRestart = new RepeatedPosts(store, options);
    const repeat = await afterRestart.once('k', undefined, async () => answered('https://crm.example/b'));
    expect(repeat).toEqual({ post: answered('https://crm.example/a'), repeated: true });
  });

  test("the user's token is never stored: it is cut out of the URL and put back from the repeat's request", async () => {
    const store = new MemoryStateStore();
    const token = 'eyJhbGciOi.secret-token.sig';
    const url = `https://crm.example/p?phone=1#jwt=${encodeURIComponent(token)}`;
    const repeats = new RepeatedPosts(store, options);
    expect((await repeats.once('k', token, async () => answered(url))).post?.answer.url).toBe(url);
    const stored = [];
    for await (const entry of store.scan('')) stored.push(entry);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('secret-token');
    const repeat = await new RepeatedPosts(store, options).once('k', token, async () => answered('other'));
    expect(repeat.repeated).toBe(true);
    // the same JSON as the first answer, keys in the same order
    expect(JSON.stringify(repeat.post?.answer)).toBe(JSON.stringify(answered(url).answer));
  });

  test('without a key, or with a window of 0, every POST runs and nothing is kept', async () => {
    const store = new MemoryStateStore();
    const repeats = new RepeatedPosts(store, options);
    expect((await repeats.once(undefined, undefined, async () => answered('a'))).post?.answer.url).toBe('a');
    expect((await repeats.once(undefined, undefined, async () => answered('b'))).post?.answer.url).toBe('b');
    const off = new RepeatedPosts(store, { ...options, windowMs: 0 });
    expect((await off.once('k', undefined, async () => answered('a'))).repeated).toBe(false);
    expect((await off.once('k', undefined, async () => answered('b'))).post?.answer.url).toBe('b');
    expect(store.size).toBe(0);
  });

  test('a failed run is not kept: the next POST runs the rules', async () => {
    const repeats = new RepeatedPosts(new MemoryStateStore(), options);
    await expect(repeats.once('k', undefined, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await repeats.once('k', undefined, async () => answered('after'))).toEqual({
      post: answered('after'),
      repeated: false,
    });
  });

  test('a repeat whose first POST never answers gets no answer after waitMs (then XucMgt gets none)', async () => {
    const repeats = new RepeatedPosts(new MemoryStateStore(), { windowMs: 10_000, waitMs: 100 });
    void repeats.once('k', undefined, () => new Promise<AnsweredPost>(() => undefined));
    expect(await repeats.once('k', undefined, async () => answered('late'))).toEqual({
      post: undefined,
      repeated: true,
    });
  });
});
