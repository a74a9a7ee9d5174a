import type { NormalizedEventType } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test/support/fixtures.js';
import { bsConnectsAdapter } from './manifest.js';
import { mapCilEvent } from './mapping/mapCilEvent.js';
import { type CilEventName, cilEventNames, cilEvents } from './vendorEvents.js';

const workitem = (event: string, extra: Record<string, unknown> = {}) => ({
  ...fixture('workitemCreate.incoming'),
  event,
  ...extra,
});

/** Recorded data for each event, in every shape that maps to a different type. */
const samples: Record<CilEventName, Record<string, unknown>[]> = {
  agentStateChange: [fixture('agentStateChange')],
  beforeDial: [fixture('beforeDial')],
  error: [fixture('error')],
  workitemCreate: [fixture('workitemCreate.incoming'), fixture('workitemCreate.outgoing')],
  workitemConnect: [workitem('workitemConnect'), fixture('workitemConnect.wxcc')],
  workitemPause: [workitem('workitemPause')],
  workitemResume: [workitem('workitemResume')],
  workitemWrapup: [workitem('workitemWrapup')],
  workitemEnd: [workitem('workitemEnd'), fixture('workitemEnd.abandoned')],
};

describe('the one table of Integration API events', () => {
  it('lists the events the bridge subscribes to, in its order', () => {
    expect(cilEventNames).toEqual([
      'agentStateChange',
      'beforeDial',
      'error',
      'workitemCreate',
      'workitemConnect',
      'workitemPause',
      'workitemResume',
      'workitemWrapup',
      'workitemEnd',
    ]);
  });

  it('maps each event to exactly the types its row lists, which the manifest emits', () => {
    const emitted = new Set<NormalizedEventType>();
    for (const name of cilEventNames) {
      const types = samples[name].map((data) => {
        const mapped = mapCilEvent({
          name,
          data,
          agent: { id: 'a' },
          messageId: 'm',
          time: '2025-01-01T00:00:00Z',
        });
        if (!mapped.ok) throw new Error(`${name}: ${mapped.reason}`);
        return mapped.event.type;
      });
      expect(new Set(types), name).toEqual(new Set(cilEvents[name].emits));
      for (const type of types) emitted.add(type);
    }
    expect(new Set(bsConnectsAdapter.emits.events)).toEqual(emitted);
    expect(Object.keys(bsConnectsAdapter.emits.vendorEvents ?? {})).toEqual(cilEventNames);
  });

  it('keys the events that happen once per workitem by workitem, the others by message', () => {
    const key = (name: CilEventName, messageId: string) => {
      const mapped = mapCilEvent({
        name,
        data: samples[name][0] ?? {},
        agent: { id: 'a' },
        messageId,
        time: '2025-01-01T00:00:00Z',
      });
      return mapped.ok ? mapped.event.id : mapped.reason;
    };
    for (const name of cilEventNames) {
      const once = 'oncePerWorkitem' in cilEvents[name] && cilEvents[name].oncePerWorkitem;
      expect(key(name, 'm1') === key(name, 'm2'), name).toBe(once);
    }
  });
});
