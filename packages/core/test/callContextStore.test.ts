import { describe, expect, test } from 'vitest';
import { CallContextStore, ManualClock } from '../src/index.js';

describe('call context store', () => {
  test('vars accumulate across events of a call and are dropped a while after it ends', () => {
    const clock = new ManualClock();
    const store = new CallContextStore(clock, { ttlAfterEndSeconds: 60, idleTtlSeconds: 3600 });
    store.enter('c1', { a: 1 });
    store.set('c1', { b: 2 });
    expect(store.enter('c1', { c: 3 })).toEqual({ a: 1, b: 2, c: 3 });
    store.end('c1');
    clock.advance(59_000);
    expect(store.get('c1')).toEqual({ a: 1, b: 2, c: 3 });
    clock.advance(2_000);
    expect(store.get('c1')).toBeUndefined();
  });

  test('a call that never ends is dropped after the idle time', () => {
    const clock = new ManualClock();
    const store = new CallContextStore(clock, { idleTtlSeconds: 10 });
    store.enter('c1', { a: 1 });
    clock.advance(5_000);
    store.enter('c1', { b: 1 });
    clock.advance(9_000);
    expect(store.get('c1')).toEqual({ a: 1, b: 1 });
    clock.advance(2_000);
    expect(store.get('c1')).toBeUndefined();
  });

  test('memory is bounded: beyond maxCalls the least recently active call goes', () => {
    const store = new CallContextStore(new ManualClock(), { maxCalls: 3 });
    for (const id of ['c1', 'c2', 'c3']) store.enter(id, { id });
    store.enter('c1', { again: true });
    store.enter('c4', {});
    expect(store.size).toBe(3);
    expect(store.get('c2')).toBeUndefined();
    expect(store.get('c1')).toEqual({ id: 'c1', again: true });
  });
});

describe('call context store and hostile keys', () => {
  test('a `__proto__` key in event vars is ignored, never changing a prototype', () => {
    const store = new CallContextStore(new ManualClock());
    const hostile = JSON.parse('{"__proto__": {"isAdmin": true}, "order": "42"}');
    store.enter('c1', {});
    const vars = store.enter('c1', hostile);
    expect(vars).toEqual({ order: '42' });
    expect((vars as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
  });
});
