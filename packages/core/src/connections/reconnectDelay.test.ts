import { describe, expect, test } from 'vitest';
import { type AttemptOutcome, type NextStep, reconnectDelay } from './reconnectDelay.js';

const base: AttemptOutcome = {
  kind: 'error',
  errorKind: 'not-connected',
  sessionProved: false,
  firstRetryAfterSession: false,
};

const table: [string, Partial<AttemptOutcome>, NextStep][] = [
  ['a failed attempt takes the next backoff delay', {}, { delayMs: 'backoff' }],
  ['a planned end reconnects at once', { kind: 'ended-now', errorKind: undefined }, { delayMs: 0 }],
  [
    'the first retry after a proved session is at once',
    { kind: 'ended', errorKind: undefined, sessionProved: true, firstRetryAfterSession: true },
    { delayMs: 0 },
  ],
  [
    '… also when the proved session failed',
    { sessionProved: true, firstRetryAfterSession: true },
    { delayMs: 0 },
  ],
  [
    'a short session that dropped backs off',
    { kind: 'ended', errorKind: undefined, firstRetryAfterSession: true },
    { delayMs: 'backoff' },
  ],
  [
    'a later retry backs off even after a proved session',
    { sessionProved: true, firstRetryAfterSession: false },
    { delayMs: 'backoff' },
  ],
  [
    'back-off waits at least what the server asked',
    { errorKind: 'back-off', retryAfterMs: 5000 },
    { delayMs: 'backoff', atLeastMs: 5000 },
  ],
  ['refused ends the loop as failed', { errorKind: 'refused' }, { stop: 'failed' }],
  [
    'refused ends it even right after a proved session',
    { errorKind: 'refused', sessionProved: true, firstRetryAfterSession: true },
    { stop: 'failed' },
  ],
  ['end of stream ends the loop as stopped', { errorKind: 'end-of-stream' }, { stop: 'stopped' }],
];

describe('reconnectDelay', () => {
  test.each(table)('%s', (_why, outcome, next) => {
    expect(reconnectDelay({ ...base, ...outcome })).toEqual(next);
  });
});
