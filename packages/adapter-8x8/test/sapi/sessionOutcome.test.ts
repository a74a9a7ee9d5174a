import { describe, expect, test } from 'vitest';
import {
  defaultSessionTiming,
  type SapiCleanEnd,
  sessionEndedAsPlanned,
} from '../../src/transport/sapi/sessionOutcome.js';

const minute = 60_000;
const clean = (lastedMs: number, events = 0): SapiCleanEnd => ({ lastedMs, events });

describe('when a clean end of a SAPI session is its planned end', () => {
  test.each([
    ['closed after 50 ms, nothing sent', clean(50), false],
    ['closed after 2 s, nothing sent', clean(2000), false],
    ['closed after 31 s, nothing sent', clean(31_000), false],
    ['events, closed after 0.5 s', clean(500, 3), false],
    ['events, closed after 2 s', clean(2000, 3), true],
    ['the 60-minute end, heartbeats only', clean(60 * minute, 0), true],
    ['a little before 60 minutes', clean(55 * minute, 0), true],
  ])('%s: planned %s', (_name, end, planned) => {
    expect(sessionEndedAsPlanned(end, defaultSessionTiming)).toBe(planned);
  });

  test('the defaults: stable after 30 s, planned near SAPI’s 60 minutes', () => {
    expect(defaultSessionTiming).toEqual({ stableAfterMs: 30_000, sessionMs: 60 * minute });
  });
});
