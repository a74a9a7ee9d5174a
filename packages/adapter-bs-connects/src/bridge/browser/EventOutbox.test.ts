import { describe, expect, it } from 'vitest';
import { EventOutbox } from './EventOutbox.js';

const entry = (id: string, at: number) => ({
  id,
  name: 'workitemPause',
  data: {},
  raisedAt: new Date(at).toISOString(),
  at,
});

describe('EventOutbox', () => {
  it('hands out events oldest first and forgets them once delivered', () => {
    const outbox = new EventOutbox(10, 60_000);
    outbox.push(entry('a', 0));
    outbox.push(entry('b', 1));
    expect(outbox.peek(2)?.id).toBe('a');
    outbox.remove('a');
    expect(outbox.peek(2)?.id).toBe('b');
    outbox.remove('b');
    expect(outbox.peek(2)).toBeUndefined();
    expect(outbox.takeReport()).toBeUndefined();
  });

  it('drops the oldest beyond its size, and reports it once', () => {
    const outbox = new EventOutbox(2, 60_000);
    for (const id of ['a', 'b', 'c']) outbox.push(entry(id, 0));
    expect(outbox.size).toBe(2);
    expect(outbox.peek(0)?.id).toBe('b');
    expect(outbox.takeReport()).toEqual({ dropped: 1, reason: 'more than 2 events waiting' });
    expect(outbox.takeReport()).toBeUndefined();
  });

  it('drops events too old to be worth sending', () => {
    const outbox = new EventOutbox(10, 1000);
    outbox.push(entry('old', 0));
    outbox.push(entry('fresh', 1500));
    expect(outbox.peek(2000)?.id).toBe('fresh');
    expect(outbox.takeReport()).toEqual({ dropped: 1, reason: 'older than 1 s when the daemon was back' });
  });

  it('forgets everything without reporting when the tab is not the primary one', () => {
    const outbox = new EventOutbox(10, 1000);
    outbox.push(entry('a', 0));
    outbox.clear();
    expect(outbox.size).toBe(0);
    expect(outbox.takeReport()).toBeUndefined();
  });
});
