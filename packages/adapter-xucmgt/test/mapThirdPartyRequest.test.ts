import { assertValidEvent } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import { mapThirdPartyRequest, withheldToken } from '../src/mapping/mapThirdPartyRequest.js';
import type { ThirdPartyRequest } from '../src/mapping/thirdPartyRequestSchema.js';
import { fixture } from './support/fixtures.js';

const now = new Date('2026-03-02T10:00:00.000Z');
const map = (name: string, requestId = 'req-1') =>
  mapThirdPartyRequest(fixture(name) as unknown as ThirdPartyRequest, { now, requestId });

describe('mapThirdPartyRequest', () => {
  test('2016: the docs example becomes call.offered with queue, caller, agent and user data', () => {
    const { event, userToken } = map('request-2016');
    expect(userToken).toBeUndefined();
    expect(event).toMatchObject({
      type: 'call.offered',
      vendorEvent: 'xucmgt.thirdPartyRequest',
      time: '2026-03-02T10:00:00.000Z',
      call: { direction: 'inbound', queue: 'trucks', caller: '1001', callee: '1000', agent: '1' },
      agent: { id: '1', name: 'James Bond' },
      vars: {
        XIVO_CONTEXT: 'default',
        XIVO_SRCNUM: '1001',
        XIVO_DSTNUM: '3001',
        queueId: '2',
        queueDisplayName: 'Trucks',
        queueNumber: '3001',
        userId: '4',
        agentId: '1',
        userFullName: 'James Bond',
      },
      raw: fixture('request-2016'),
    });
    expect(event.call?.id).toMatch(/^xucmgt-[0-9a-f]{16}$/);
    expect(event.id).toBe(`xucmgt:${event.call?.id}:1:req-1`);
    assertValidEvent({ ...event, source: 'xucmgt', vars: event.vars ?? {}, time: now.toISOString() });
  });

  test('2017: callDataCallId is the call id', () => {
    const { event } = map('request-2017');
    expect(event.call?.id).toBe('1471858488.233');
    expect(event.vars?.callDataCallId).toBe('1471858488.233');
    expect(event.id).toBe('xucmgt:1471858488.233:1:req-1');
  });

  test('2024: the JWT is taken out of raw and vars; SIPCALLID and unknown fields stay', () => {
    const body = fixture('request-2024');
    const { event, userToken } = map('request-2024');
    expect(userToken).toBe((body.user as { token: string }).token);
    const raw = event.raw as Record<string, Record<string, unknown>>;
    expect(raw.user?.token).toBe(withheldToken);
    expect(raw.clientVersion).toBe('2024.05.07');
    expect(event.vars?.SIPCALLID).toBe('5f1c2a9e-4d1b-4a77-9c39-1e1b2f0a7e21@192.168.56.3');
    expect(event.call?.id).toBe('1717000123.45');
    expect(JSON.stringify(event)).not.toContain(userToken);
    expect(JSON.stringify(event)).not.toContain('Zml4dHVyZS1zaWduYXR1cmUtMjAyNA');
    expect((body.user as { token: string }).token).toBe(userToken); // the input is not modified
  });

  test('a direct call (no queue, numbers as numbers, no agentId) maps conservatively', () => {
    const { event } = map('request-direct-call');
    expect(event.call).toEqual({ id: 'a1b2c3@10.0.0.1', caller: '1002', callee: '1007', agent: '7' });
    expect(event.agent).toEqual({ id: '7', name: 'Eve Moneypenny' });
    expect(event.vars?.queueId).toBeUndefined();
  });

  test('two POSTs of one call are two events (each needs its answer); the same POST maps the same', () => {
    expect(map('request-2017', 'req-1').event.id).not.toBe(map('request-2017', 'req-2').event.id);
    expect(map('request-2017', 'req-1')).toEqual(map('request-2017', 'req-1'));
    expect(map('request-2016', 'req-1')).toEqual(map('request-2016', 'req-1'));
  });
});
