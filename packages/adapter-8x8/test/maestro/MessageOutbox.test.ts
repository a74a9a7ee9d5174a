import { describe, expect, it } from 'vitest';
import { MessageOutbox, type OutboxMessage } from '../../src/bridge/MessageOutbox.js';

const message = (id: string, at: number): OutboxMessage => ({
  event: 'maestro:envelope',
  payload: { messageId: id },
  at,
});

describe('MessageOutbox (the Maestro bridge)', () => {
  it('keeps messages in order until each is removed', () => {
    const outbox = new MessageOutbox(10, 60_000);
    const [a, b] = [message('a', 0), message('b', 0)];
    outbox.push(a);
    outbox.push(b);
    expect(outbox.peek(0)).toBe(a);
    outbox.remove(a);
    expect(outbox.peek(0)).toBe(b);
    outbox.remove(b);
    expect(outbox.peek(0)).toBeUndefined();
    expect(outbox.takeReport()).toBeUndefined();
  });

  it('drops the oldest beyond its size and the too old, counts them and reports them once', () => {
    const outbox = new MessageOutbox(2, 1000);
    for (const id of ['a', 'b', 'c']) outbox.push(message(id, 0));
    outbox.push(message('d', 1500));
    expect(outbox.peek(1600)?.payload.messageId).toBe('d');
    expect(outbox.dropped).toBe(3);
    expect(outbox.takeReport()).toEqual({
      dropped: 3,
      reason: 'more than 2 messages waiting; older than 1 s when Switchboard was back',
    });
    expect(outbox.takeReport()).toBeUndefined();
    expect(outbox.dropped).toBe(3);
  });
});
