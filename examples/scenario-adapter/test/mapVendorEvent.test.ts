import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mapVendorEvent } from '../src/index.js';

const salesCall = JSON.parse(readFileSync(new URL('./fixtures/sales-call.json', import.meta.url), 'utf8'));
const context = { source: 'pbx', now: new Date('2026-03-02T10:00:00Z') };

describe('mapVendorEvent (rule tests and replay): a recorded call, as in a scenario file', () => {
  test('becomes the events the player emits for it in its first round', () => {
    expect(mapVendorEvent(salesCall, context)).toEqual([
      {
        id: 'sales-order-call:0#1',
        type: 'call.offered',
        call: { id: '1599601698.94#1', queue: 'Sales', peer: 'SIP/andrea.bianco' },
        vars: { ordernumber: '42' },
      },
      { id: 'sales-order-call:1#1', type: 'call.answered', call: { id: '1599601698.94#1', queue: 'Sales' } },
    ]);
    // the step defaults were filled in on a copy
    expect(salesCall.steps[1].after).toBeUndefined();
  });

  test('anything else is refused with SCENARIO_INVALID, saying what is wrong', () => {
    expect(() => mapVendorEvent({ name: 'x', steps: [{ after: 5 }] }, context)).toThrow(
      expect.objectContaining({
        code: 'SCENARIO_INVALID',
        message: expect.stringContaining('not a recorded call of a scenario'),
      }),
    );
    expect(() => mapVendorEvent('ringing', context)).toThrow(
      expect.objectContaining({ code: 'SCENARIO_INVALID' }),
    );
  });
});
