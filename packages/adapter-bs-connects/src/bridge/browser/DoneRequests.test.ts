import { describe, expect, it } from 'vitest';
import type { CilResult, StorageLike } from './browserTypes.js';
import { CilRequestRunner } from './CilRequestRunner.js';
import { DoneRequests } from './DoneRequests.js';

/** sessionStorage as far as the bridge uses it. */
class MapStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** A b+s library whose `createSession` counts the sessions it opened and answers when told. */
function library() {
  const sessions: unknown[][] = [];
  const waiting: (() => void)[] = [];
  let refuse = false;
  const cil = {
    createSession: (...args: unknown[]): Promise<CilResult> => {
      sessions.push(args);
      if (refuse) return Promise.resolve({ success: false, error: 'no such template' });
      return new Promise((resolve) => waiting.push(() => resolve({ success: true, response: 'session-1' })));
    },
  };
  return {
    cil,
    sessions,
    answer: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
    refuse: (value: boolean) => {
      refuse = value;
    },
  };
}

const request = (key?: string) => ({
  request: 'createSession',
  args: ['incoming_call', { call: 'c1' }],
  ...(key ? { key } : {}),
});

describe('DoneRequests: a request with a key is made once', () => {
  it('answers a repeated key with the first answer, also while the first still runs', async () => {
    const b = library();
    const runner = new CilRequestRunner(
      b.cil,
      ['createSession'],
      new DoneRequests(new MapStorage(), 'k', 10),
    );
    const first = runner.run(request('key-1'));
    const whileRunning = runner.run(request('key-1'));
    b.answer();
    expect(await first).toEqual({ success: true, response: 'session-1' });
    expect(await whileRunning).toEqual({ success: true, response: 'session-1' });
    expect(await runner.run(request('key-1'))).toEqual({ success: true, response: 'session-1' });
    expect(b.sessions).toHaveLength(1);
    expect(runner.repeated).toBe(2);
  });

  it('makes requests without a key, or with another key, every time', async () => {
    const b = library();
    const runner = new CilRequestRunner(b.cil, ['createSession'], new DoneRequests(undefined, 'k', 10));
    const all = [runner.run(request()), runner.run(request()), runner.run(request('key-2'))];
    b.answer();
    await Promise.all(all);
    expect(b.sessions).toHaveLength(3);
    expect(runner.repeated).toBe(0);
  });

  it('keeps the keys in the storage, so a reloaded bridge still knows them', async () => {
    const storage = new MapStorage();
    const b = library();
    const before = new CilRequestRunner(b.cil, ['createSession'], new DoneRequests(storage, 'k', 10));
    const first = before.run(request('key-3'));
    b.answer();
    await first;
    const after = new CilRequestRunner(b.cil, ['createSession'], new DoneRequests(storage, 'k', 10));
    expect(await after.run(request('key-3'))).toEqual({ success: true, response: 'session-1' });
    expect(b.sessions).toHaveLength(1);
  });

  it('does not keep a refused request: the same key is tried again', async () => {
    const b = library();
    const runner = new CilRequestRunner(
      b.cil,
      ['createSession'],
      new DoneRequests(new MapStorage(), 'k', 10),
    );
    b.refuse(true);
    expect(await runner.run(request('key-4'))).toEqual({ success: false, error: 'no such template' });
    b.refuse(false);
    const again = runner.run(request('key-4'));
    b.answer();
    expect(await again).toEqual({ success: true, response: 'session-1' });
    expect(b.sessions).toHaveLength(2);
  });

  it('keeps at most `max` keys, forgetting the oldest; a large response is kept as success only', async () => {
    const storage = new MapStorage();
    const done = new DoneRequests(storage, 'k', 2);
    for (const key of ['a', 'b', 'c']) await done.once(key, async () => ({ success: true, response: key }));
    await done.once('big', async () => ({ success: true, response: 'x'.repeat(5000) }));
    const stored = JSON.parse(storage.getItem('k') ?? '[]') as [string, CilResult][];
    expect(stored).toEqual([
      ['c', { success: true, response: 'c' }],
      ['big', { success: true }],
    ]);
    let made = 0;
    await done.once('a', async () => {
      made += 1;
      return { success: true };
    });
    expect(made).toBe(1);
  });

  it('starts empty from unreadable storage, and goes on when the storage refuses writes', async () => {
    const broken: StorageLike = {
      getItem: () => '{not json',
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const done = new DoneRequests(broken, 'k', 10);
    expect(done.size).toBe(0);
    await done.once('a', async () => ({ success: true }));
    expect(await done.once('a', async () => ({ success: false }))).toEqual({ success: true });
  });
});
