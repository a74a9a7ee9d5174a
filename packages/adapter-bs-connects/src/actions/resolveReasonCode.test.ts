import { describe, expect, it } from 'vitest';
import { resolveReasonCode } from './resolveReasonCode.js';

const list = [
  { id: 11, label: 'Break' },
  { id: '12', label: 'Lunch' },
];

describe('resolveReasonCode', () => {
  it('finds a code by id or by label (any case)', () => {
    expect(resolveReasonCode('11', 'NotReady', list)).toBe('11');
    expect(resolveReasonCode('lunch', 'NotReady', list)).toBe('12');
  });

  it('names the known codes when the code is not there', () => {
    expect(() => resolveReasonCode('99', 'Logout', list)).toThrow(
      'reason code `99` is not a Logout reason code of this agent; known: 11 (Break), 12 (Lunch)',
    );
    expect(() => resolveReasonCode('1', 'NotReady', [])).toThrow('known: none');
  });

  it('uses the code as given when the reply is not a list', () => {
    expect(resolveReasonCode('7', 'NotReady', undefined)).toBe('7');
  });
});
