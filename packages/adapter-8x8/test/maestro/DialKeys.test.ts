import { describe, expect, test } from 'vitest';
import { DialKeys, type KeyStorage } from '../../src/bridge/DialKeys.js';
import type { DialAck } from '../../src/transport/maestro/bridgeProtocol.js';

/** An origin's `localStorage` as two tabs of it share it. */
class SharedStorage implements KeyStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** Counts the calls placed; each resolves with `ack` when released (or at once). */
function placer(ack: DialAck = { ok: true }) {
  let placed = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    get placed() {
      return placed;
    },
    release,
    held: async () => {
      placed += 1;
      await gate;
      return ack;
    },
    now: async () => {
      placed += 1;
      return ack;
    },
  };
}

describe('DialKeys: a dial sent again with its key is answered, not placed twice', () => {
  test('one key places one call: a repeat while it is placed shares its result, a later one gets ok', async () => {
    let now = 0;
    const keys = new DialKeys({ now: () => now });
    const call = placer();
    const first = keys.run('k1', call.held);
    const whilePlacing = keys.run('k1', call.held);
    call.release();
    expect(await first).toEqual({ ok: true });
    expect(await whilePlacing).toEqual({ ok: true });
    now += 60_000;
    expect(await keys.run('k1', call.now)).toEqual({ ok: true });
    expect(call.placed).toBe(1);
    expect(await keys.run('k2', call.now)).toEqual({ ok: true });
    expect(await keys.run(undefined, call.now)).toEqual({ ok: true });
    expect(await keys.run(undefined, call.now)).toEqual({ ok: true });
    expect(call.placed).toBe(4);
  });

  test('a dial that failed is tried again with the same key', async () => {
    const keys = new DialKeys({ now: () => 0 });
    const failing = placer({ ok: false, error: 'the Maestro iframe is not loaded' });
    expect(await keys.run('k1', failing.now)).toEqual({
      ok: false,
      error: 'the Maestro iframe is not loaded',
    });
    const working = placer();
    expect(await keys.run('k1', working.now)).toEqual({ ok: true });
    expect([failing.placed, working.placed]).toEqual([1, 1]);
  });

  test("the agent's other tab (same origin storage) answers a key the first placed; after 4 hours it is forgotten", async () => {
    let now = 0;
    const storage = new SharedStorage();
    const call = placer();
    await new DialKeys({ storage, now: () => now }).run('k1', call.now);
    const otherTab = new DialKeys({ storage, now: () => now });
    expect(await otherTab.run('k1', call.now)).toEqual({ ok: true });
    expect(call.placed).toBe(1);
    now += 4 * 3_600_000 + 1;
    await new DialKeys({ storage, now: () => now }).run('k1', call.now);
    expect(call.placed).toBe(2);
  });

  test('bounded: beyond `max` the oldest keys are forgotten; storage that throws or holds junk is no harm', async () => {
    const storage = new SharedStorage();
    const keys = new DialKeys({ storage, now: () => 0, max: 3 });
    const call = placer();
    for (const key of ['a', 'b', 'c', 'd']) await keys.run(key, call.now);
    expect(Object.keys(JSON.parse(storage.items.get('switchboard8x8.dials') ?? '{}'))).toEqual([
      'b',
      'c',
      'd',
    ]);
    await keys.run('a', call.now);
    expect(call.placed).toBe(5);

    storage.items.set('switchboard8x8.dials', '{not json');
    const broken: KeyStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    for (const s of [storage, broken]) {
      const tab = new DialKeys({ storage: s, now: () => 0 });
      const c = placer();
      await tab.run('x', c.now);
      await tab.run('x', c.now);
      expect(c.placed).toBe(1);
    }
  });
});
