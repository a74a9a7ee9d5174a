import { describe, expect, test } from 'vitest';
import { WarmBuffer } from '../src/connections/WarmBuffer.js';
import { ManualClock } from '../src/runtime/Clock.js';

function buffer(max = 100) {
  const clock = new ManualClock(0);
  const dropped: number[] = [];
  const held = new WarmBuffer<number>(clock, {
    windowMs: 1000,
    max,
    dropped: (items) => dropped.push(...items),
  });
  return { clock, dropped, held };
}

describe('the warm buffer of a standby', () => {
  test('hands over what is younger than the window, oldest first; older ones are dropped and told', () => {
    const { clock, dropped, held } = buffer();
    held.hold(1);
    clock.advance(600);
    held.hold(2);
    held.hold(3);
    clock.advance(500);
    expect(held.peek()).toEqual([2, 3]);
    expect(dropped).toEqual([1]);
    held.remove(1);
    expect(held.peek()).toEqual([3]);
    clock.advance(600);
    expect(held.peek()).toEqual([]);
    expect(dropped).toEqual([1, 3]);
  });

  test('beyond max the oldest goes first; clear drops the rest', () => {
    const { dropped, held } = buffer(2);
    for (const n of [1, 2, 3]) held.hold(n);
    expect(held.peek()).toEqual([2, 3]);
    expect(dropped).toEqual([1]);
    held.clear();
    expect(held.size).toBe(0);
    expect(dropped).toEqual([1, 2, 3]);
  });
});
