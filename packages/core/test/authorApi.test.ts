import { describe, expect, test } from 'vitest';
import * as author from '../src/public/index.js';

describe('the author entry point (@switchboard/core)', () => {
  test('has the event check a plugin runs before it accepts a request (a webhook batch is all or nothing)', () => {
    const event = { id: 'e1', type: 'call.offered', time: '2026-01-01T00:00:00Z', source: 'hooks', vars: {} };
    expect(() => author.assertValidEvent(event)).not.toThrow();
    expect(() => author.assertValidEvent({ ...event, call: { queue: 'Sales' } })).toThrow(
      expect.objectContaining({ code: 'SWB_EVENT_INVALID' }),
    );
  });
});
