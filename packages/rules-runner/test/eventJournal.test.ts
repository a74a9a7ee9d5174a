import { Diagnostics, type NormalizedEvent, RuleSet } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import { EventJournal } from '../src/admin/EventJournal.js';

const event = (n: number, call: string): NormalizedEvent => ({
  id: `e${n}`,
  type: 'call.answered',
  time: '2026-01-01T00:00:00.000Z',
  source: 'pbx',
  call: { id: call },
  vars: {},
});

describe('event journal (a ring of the last N events)', () => {
  test('keeps the last N, newest first; timelines and explain find kept events only', () => {
    const diagnostics = new Diagnostics();
    const journal = new EventJournal(diagnostics, 3);
    const rules = RuleSet.empty();
    for (let n = 1; n <= 5; n++) {
      const e = event(n, n % 2 === 0 ? 'even' : 'odd');
      diagnostics.emit({ kind: 'event', event: e, data: e, rules });
      diagnostics.emit({ kind: 'matched', event: e, rules: [`r${n}`] });
    }
    expect(journal.list().map((e) => e.event.id)).toEqual(['e5', 'e4', 'e3']);
    expect(journal.list().map((e) => e.matched)).toEqual([['r5'], ['r4'], ['r3']]);
    expect(journal.timeline('odd').map((e) => e.event.id)).toEqual(['e3', 'e5']);
    expect(journal.explain(2)).toBeUndefined();
    expect(journal.explain(4)?.entry.event.id).toBe('e4');
    expect(journal.explain(6)).toBeUndefined();
  });
});
