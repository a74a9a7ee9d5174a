import { describe, expect, it } from 'vitest';
import { DialDecisions } from './DialDecisions.js';

const report = { phoneNumber: '+41100', success: true };

describe('DialDecisions', () => {
  it("tells a rule's dial whether its number was placed, or another rule's was", async () => {
    const decisions = new DialDecisions();
    decisions.pending('e1');
    const first = decisions.outcomeFor('e1', 'first', 5000);
    const second = decisions.outcomeFor('e1', 'second', 5000);
    decisions.decided('e1', 'first', '+41100');
    expect(await second).toEqual({
      kind: 'not-chosen',
      reason: 'rule `first` already dialed for this beforeDial',
    });
    expect(decisions.reported('e1', report)).toBe(true);
    expect(await first).toEqual({ kind: 'reported', report });
    expect(decisions.reported('e1', report)).toBe(false); // reported once
  });

  it('a dial waiting on a decision that is dropped to make room learns so at once', async () => {
    const decisions = new DialDecisions();
    decisions.pending('oldest');
    decisions.pending('kept');
    const waiting = decisions.outcomeFor('oldest', 'rule', 60_000);
    // Deciding `kept` again makes it the most recent: with 2000 remembered, the 1999th event after it pushes out `oldest` only.
    decisions.decided('kept', 'rule', '+41');
    for (let i = 0; i < 1998; i += 1) decisions.pending(`e${i}`);
    expect(decisions.knows('oldest')).toBe(true);
    decisions.pending('one-more');
    expect(await waiting).toEqual({ kind: 'not-chosen', reason: 'this beforeDial is no longer remembered' });
    expect([decisions.knows('oldest'), decisions.knows('kept'), decisions.knows('one-more')]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('a dial whose tab never reports gives up when its time is up or the action is aborted', async () => {
    const decisions = new DialDecisions();
    decisions.pending('e1');
    decisions.decided('e1', 'rule', '+41');
    expect(await decisions.outcomeFor('e1', 'rule', 20)).toEqual({ kind: 'no-report' });
    const abort = new AbortController();
    const aborted = decisions.outcomeFor('e1', 'rule', 60_000, abort.signal);
    abort.abort();
    expect(await aborted).toEqual({ kind: 'no-report' });
  });
});
