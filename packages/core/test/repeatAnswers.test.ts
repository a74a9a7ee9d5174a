import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../src/state/MemoryStateBackend.js';
import { RepeatAnswers } from '../src/state/RepeatAnswers.js';

describe('RepeatAnswers: one answer per request key within the window', () => {
  it('computes once for 20 repeats arriving together; every repeat gets the first answer', async () => {
    const answers = new RepeatAnswers<string>(new MemoryStateStore(), {
      windowMs: 60_000,
      waitMs: 2000,
      pollMs: 5,
    });
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return `answer-${computed}`;
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => answers.answer('req-1', compute)));
    expect(computed).toBe(1);
    expect(outcomes.every((o) => o.answered && o.value === 'answer-1')).toBe(true);
    expect(outcomes.filter((o) => o.answered && !o.repeat)).toHaveLength(1);
    // Later within the window: the stored answer, not a new one.
    expect(await answers.answer('req-1', compute)).toEqual({
      answered: true,
      value: 'answer-1',
      repeat: true,
    });
    expect(computed).toBe(1);
  });

  it('a first request that fails frees the key: the next one computes again', async () => {
    const store = new MemoryStateStore();
    const answers = new RepeatAnswers<number>(store, { windowMs: 60_000, waitMs: 1000, pollMs: 5 });
    await expect(answers.answer('req', async () => Promise.reject(new Error('crm down')))).rejects.toThrow(
      'crm down',
    );
    expect(await answers.answer('req', async () => 7)).toEqual({ answered: true, value: 7, repeat: false });
  });

  it('a repeat waits at most its waitMs for a first request still working; a claim that expired is taken over', async () => {
    const store = new MemoryStateStore();
    const patient = new RepeatAnswers<number>(store, { windowMs: 60_000, waitMs: 10_000, pollMs: 5 });
    const hasty = new RepeatAnswers<number>(store, { windowMs: 60_000, waitMs: 100, pollMs: 5 });
    void patient.answer('slow', () => new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await hasty.answer('slow', async () => 1)).toEqual({ answered: false, reason: 'timeout' });
    // A first request whose claim (its waitMs) ran out is taken over by the next one.
    void hasty.answer('stuck', () => new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await hasty.answer('stuck', async () => 2)).toEqual({ answered: true, value: 2, repeat: false });
  });
});
