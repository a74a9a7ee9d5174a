import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DialClaims, type LockRequester } from './DialClaims.js';

/** Web Locks as the tabs of one origin share them: `ifAvailable` gets null while another holds the name. */
function sharedLocks(): LockRequester {
  const held = new Set<string>();
  return {
    request: async (name, _options, callback) => {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DialClaims', () => {
  it("one tab handles a dial; the other tabs' copies are dropped until the claim runs out", async () => {
    const locks = sharedLocks();
    const [tab1, tab2] = [0, 1].map(() => new DialClaims(locks, 'dial:', 2000, () => undefined));
    const release = await tab1?.claim('+15550100');
    expect(release).toBeTypeOf('function');
    expect(await tab2?.claim('+15550100')).toBeUndefined();
    expect(await tab2?.claim('+15550199')).toBeTypeOf('function'); // another number is another dial
    release?.();
    expect(tab1?.held).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await tab2?.claim('+15550100')).toBeUndefined(); // a late copy, within 2 s
    await vi.advanceTimersByTimeAsync(1000);
    expect(tab1?.held).toBe(0);
    expect(await tab2?.claim('+15550100')).toBeTypeOf('function'); // the agent dials it again
    expect(tab2?.copies).toBe(2);
  });

  it('without Web Locks every tab handles its own dial', async () => {
    const claims = new DialClaims(undefined, 'dial:', 2000, () => undefined);
    expect(await claims.claim('+15550100')).toBeTypeOf('function');
    expect(await claims.claim('+15550100')).toBeTypeOf('function');
  });
});
