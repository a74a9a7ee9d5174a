import { describe, expect, test } from 'vitest';
import { Adapter8x8Error } from '../../src/errors/Adapter8x8Error.js';
import {
  defaultSessionTiming,
  type SapiSessionSummary,
  sessionEndedAsPlanned,
  sessionWasHealthy,
} from '../../src/sapi/sessionOutcome.js';

const ended = { kind: 'ended', partial: '' } as const;
const broken = (opened: boolean) =>
  ({ kind: 'broken', opened, partial: '', error: new Adapter8x8Error('X8_SAPI_NETWORK', 'broke') }) as const;
const refused = { kind: 'refused', status: 401, error: new Adapter8x8Error('X8_SAPI_AUTH', 'no') } as const;
const minute = 60_000;
const session = (end: SapiSessionSummary['end'], lastedMs: number, events = 0): SapiSessionSummary => ({
  end,
  lastedMs,
  events,
});

describe('how a SAPI session ended', () => {
  test.each([
    ['200, closed after 50 ms, nothing sent', session(ended, 50), false, false],
    ['200, closed after 2 s, nothing sent', session(ended, 2000), false, false],
    ['200, closed after 31 s, nothing sent', session(ended, 31_000), true, false],
    ['events, closed after 0.5 s', session(ended, 500, 3), true, false],
    ['events, closed after 2 s', session(ended, 2000, 3), true, true],
    ['the 60-minute end, heartbeats only', session(ended, 60 * minute, 0), true, true],
    ['a little before 60 minutes', session(ended, 55 * minute, 0), true, true],
    ['broken after events', session(broken(true), 5000, 2), true, false],
    ['broken before the response', session(broken(false), 40_000), false, false],
    ['refused', session(refused, 40_000), false, false],
  ])('%s: healthy %s, planned %s', (_name, s, healthy, planned) => {
    expect(sessionWasHealthy(s, defaultSessionTiming)).toBe(healthy);
    expect(sessionEndedAsPlanned(s, defaultSessionTiming)).toBe(planned);
  });

  test('the defaults: healthy after 30 s, planned near SAPI’s 60 minutes', () => {
    expect(defaultSessionTiming).toEqual({ stableAfterMs: 30_000, sessionMs: 60 * minute });
  });
});
