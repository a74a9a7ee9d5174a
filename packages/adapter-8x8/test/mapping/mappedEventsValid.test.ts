import { assertValidEvent, type EventInput, valueTooDeep } from '@switchboard/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EndedInteractions } from '../../src/mapping/EndedInteractions.js';
import { mapSapiEvent } from '../../src/mapping/mapSapiEvent.js';
import { decodeSapiMessage } from '../../src/transport/sapi/decodeSapiMessage.js';
import { SapiStreamParser } from '../../src/transport/sapi/SapiStreamParser.js';

/** Any JSON value a vendor could put in a field, down to a few levels, and now and then one nested deep. */
const anyValue = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 70 })
      .map((depth) => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown),
  },
);
const fieldValue = fc.oneof(
  fc.constantFrom(
    'in',
    'out',
    'inbound',
    'CS_CONNECTED',
    'CS_HOLD',
    'phone',
    'N/A',
    '0',
    ' ',
    '',
    'true',
    '12',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  anyValue,
);
const events = fc.constantFrom(
  'InteractionCreated',
  'InteractionAssigned',
  'InteractionAccepted',
  'InteractionCustomerAccepted',
  'LineHoldStatus',
  'InteractionPostProcess',
  'InteractionDeleted',
  'Whatever',
);
const datum = fc.record(
  {
    attachedDataKey: fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'callDurationSec', 'tenantSkillName', 'remotePhoneNum'),
      fc.string({ maxLength: 8 }),
      fc.integer(),
    ),
    attachedDataValue: fieldValue,
  },
  { requiredKeys: [] },
);
const msgInfo = fc.record(
  {
    instanceId: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()),
    sequenceId: fieldValue,
    timestamp: fieldValue,
  },
  { requiredKeys: [] },
);
const fields = [
  'interactionGUID',
  'agentId',
  'callState',
  'direction',
  'mediaType',
  'resourceType',
  'queueId',
  'inboundChannelid',
  'interactionEventTS',
  'eventTS',
  'statusEventTS',
  'status',
  'newState',
  'newReasonCodeUser',
  'newSubStateReason',
] as const;
const body = fc.record(
  {
    ...Object.fromEntries(fields.map((f) => [f, fieldValue])),
    event: fc.oneof(events, fieldValue),
    attachedData: fc.oneof(
      fc.record({ attachedDatum: fc.oneof(fc.array(datum, { maxLength: 4 }), datum) }),
      fieldValue,
    ),
    provisioningItems: fc.record({
      provisioningItem: fc.array(
        fc.record({
          provisioningItemKey: fieldValue,
          provisioningItemOldValue: fieldValue,
          provisioningItemNewValue: fieldValue,
        }),
        { maxLength: 3 },
      ),
    }),
    msgInfo,
  },
  { requiredKeys: [] },
);
const frame = fc.record({
  cls: fc.constantFrom('Interaction', 'AgentStatusChange', 'AgentProvChange', 'ClientCheck', 'QueueStats'),
  body,
});

describe('the SAPI mapping can only produce events that pass core’s checks', () => {
  test('every event mapped from any vendor frame is schema-valid and within the depth limit', () => {
    const context = { source: 'cc', now: new Date('2026-12-01T12:00:00Z') };
    const types = new Set<string>();
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 4 }), (frames) => {
        const state = { endedInteractions: new EndedInteractions() };
        const parser = new SapiStreamParser({ newlineDelimited: true });
        const text = frames.map(({ cls, body }) => JSON.stringify({ [cls]: body })).join('\n');
        for (const f of parser.push(`${text}\n`)) {
          if (f.kind !== 'message') continue;
          const decoded = decodeSapiMessage(f.text, 'json', f.depth);
          if (!decoded.ok) continue;
          const mapped = mapSapiEvent(decoded.event, context, state);
          if (!mapped.ok) continue;
          for (const event of mapped.events) {
            checkAsCoreDoes(event);
            types.add(event.type);
          }
        }
      }),
      { seed: 19_3, numRuns: 250 },
    );
    // Not vacuous: the frames reached every kind of event the mapping makes.
    expect([...types].sort()).toEqual(
      expect.arrayContaining([
        'agent.provisioning',
        'agent.state',
        'call.answered',
        'call.ended',
        'vendor.event',
      ]),
    );
  });
});

/** What core's intake checks of an event (after filling in `source`, `time` and `vars`). */
function checkAsCoreDoes(input: EventInput): void {
  const event = { ...input, source: input.source ?? 'cc', time: input.time ?? 'x', vars: input.vars ?? {} };
  expect(valueTooDeep(event.vars)).toBe(false);
  expect(valueTooDeep(event.raw)).toBe(false);
  assertValidEvent(event);
}
