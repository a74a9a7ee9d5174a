import type { NormalizedEvent } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { buildCommand } from './buildCommand.js';

const now = new Date('2026-03-01T10:00:05Z');
const raw = { event: 'up', queue: 'Sales', uniqueid: '1.1', peer: 'SIP/andrea.bianco', holdtime: '2' };
const xcallyUp: NormalizedEvent = {
  id: 'xcally:up:1.1:SIP/andrea.bianco',
  type: 'call.answered',
  vendorEvent: 'xcally.up',
  time: '2026-03-01T10:00:00.000Z',
  source: 'xcally',
  call: { id: '1.1', queue: 'Sales', peer: 'SIP/andrea.bianco', holdSeconds: 2 },
  vars: {},
  raw,
};

describe('buildCommand', () => {
  it('wakeup → AgentCTI {url, peer, mode}', () => {
    const params = {
      url: 'http://webservice1/sales?ordernumber=42',
      mode: 'new_frame',
      peer: 'SIP/andrea.bianco',
    };
    expect(buildCommand('wakeup', params, xcallyUp, now)).toEqual({
      name: 'AgentCTI',
      payload: {
        url: 'http://webservice1/sales?ordernumber=42',
        peer: 'SIP/andrea.bianco',
        mode: 'new_frame',
      },
    });
  });

  it('notification → AgentCTINotification {peer, type, title, body}', () => {
    const params = { type: 'warning', title: 'Long wait', body: '1003 waited', peer: 'SIP/x' };
    expect(buildCommand('notification', params, xcallyUp, now)).toEqual({
      name: 'AgentCTINotification',
      payload: { peer: 'SIP/x', type: 'warning', title: 'Long wait', body: '1003 waited' },
    });
  });

  it('pushevent → RealtimeCTI with the xCALLY call data plus the time as channel', () => {
    const params = { type: 'crm', reference: 'T-9', url: 'http://crm/T-9' };
    const command = buildCommand('pushevent', params, xcallyUp, now);
    expect(command).toEqual({
      name: 'RealtimeCTI',
      payload: {
        type: 'crm',
        reference: 'T-9',
        url: 'http://crm/T-9',
        channel: { ...raw, time: now.toISOString() },
      },
    });
    expect(raw).not.toHaveProperty('time');
  });

  it('pushevent for an event of another adapter builds the call data from the normalized call', () => {
    const other: NormalizedEvent = {
      ...xcallyUp,
      vendorEvent: undefined,
      raw: { something: 'else' },
      call: { id: 'c9', queue: 'Support', caller: '1003' },
    };
    const command = buildCommand('pushevent', { type: 'crm' }, other, now);
    expect(command.payload.channel).toEqual({
      event: 'call.answered',
      uniqueid: 'c9',
      queue: 'Support',
      callernum: '1003',
      time: now.toISOString(),
    });
  });

  it('refuses wakeup and notification without a peer, saying what to do', () => {
    const abandon = { ...xcallyUp, vendorEvent: 'xcally.abandon', call: { id: '1.1' } };
    expect(() => buildCommand('wakeup', { url: 'http://x', peer: '' }, abandon, now)).toThrow(
      'wakeup needs a peer: the xcally.abandon event has none; set `peer:` in the rule',
    );
    expect(() => buildCommand('notification', { body: 'x' }, abandon, now)).toThrow(
      'notification needs a peer',
    );
  });
});
