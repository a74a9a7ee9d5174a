import { ManualClock, MemoryStateStore } from '@switchboard/core/testing';
import { describe, expect, test } from 'vitest';
import { SequenceFilter, sequenceMarksKey } from '../../src/transport/sapi/SequenceFilter.js';

const now = Date.UTC(2026, 0, 1);
const info = (instanceId: string, sequenceId = 1) => ({ instanceId, sequenceId, timestamp: now - 1000 });

describe('SequenceFilter marks', () => {
  test('at most 64 server instances are remembered: the least recently seen is forgotten, also after a restart', async () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock(now);
    const filter = new SequenceFilter(store, clock);
    await filter.load();
    for (let i = 0; i < 64; i += 1) expect(filter.accept(info(`sapi${i}`)).kind).toBe('new');
    // sapi0 is seen again, so sapi1 is now the least recently seen.
    expect(filter.accept(info('sapi0', 2)).kind).toBe('new');
    expect(filter.accept(info('sapi64')).kind).toBe('new');
    expect(filter.accept(info('sapi0', 2)).kind).toBe('seen');
    expect(filter.accept(info('sapi1')).kind).toBe('new');
    // What SapiInbound hands core's accept as the resume point, and core writes with the events.
    await store.set(sequenceMarksKey, filter.marks());
    const saved = (await store.get<Record<string, unknown>>('sapi.sequence')) ?? {};
    expect(Object.keys(saved)).toHaveLength(64);
    expect(Object.keys(saved).at(-1)).toBe('sapi1');

    // Taking sapi1 back forgot sapi2; sapi3 is the least recently seen now. A restarted daemon keeps
    // that order: a new instance forgets sapi3, not sapi1 (seen last).
    const restarted = new SequenceFilter(store, clock);
    await restarted.load();
    expect(restarted.accept(info('sapi65')).kind).toBe('new');
    expect(restarted.accept(info('sapi1')).kind).toBe('seen');
    expect(restarted.accept(info('sapi4')).kind).toBe('seen');
    expect(restarted.accept(info('sapi3')).kind).toBe('new');
  });
});
