import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mapThirdPartyRequest } from '../src/mapping/mapThirdPartyRequest.js';
import type { ThirdPartyRequest } from '../src/mapping/thirdPartyRequestSchema.js';
import { validateThirdPartyRequest } from '../src/mapping/validateThirdPartyRequest.js';
import { mapThirdPartyRequestBefore } from './support/mapThirdPartyRequestBefore.js';

const idValue = fc.oneof(fc.integer({ min: -5, max: 99_999 }), fc.string({ maxLength: 8 }));
const text = fc.oneof(fc.constant(''), fc.string({ maxLength: 8 }));
/** Keys the mapping writes into `vars` too, so user data that has them is covered. */
const mappedKeys = [
  'callDataCallId',
  'queueId',
  'queueDisplayName',
  'queueNumber',
  'userId',
  'agentId',
  'userFullName',
  'SIPCALLID',
];
const key = fc.oneof(
  fc.constantFrom(...mappedKeys, '__proto__', 'constructor', '0', '10'),
  fc.string({ maxLength: 6 }),
);
const jsonValue = fc.jsonValue({ maxDepth: 2 });

const body: fc.Arbitrary<unknown> = fc.record(
  {
    user: fc.record(
      {
        userId: idValue,
        agentId: idValue,
        firstName: text,
        lastName: text,
        fullName: text,
        token: text,
        extra: jsonValue,
      },
      { requiredKeys: [] },
    ),
    caller: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()),
    callee: fc.oneof(fc.string({ maxLength: 6 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
    queue: fc.oneof(
      fc.constant(null),
      fc.record(
        {
          id: idValue,
          name: text,
          displayName: text,
          number: fc.oneof(text, fc.integer()),
          other: jsonValue,
        },
        { requiredKeys: [] },
      ),
    ),
    userData: fc.oneof(
      fc.constant(null),
      fc.dictionary(key, fc.oneof(fc.string({ maxLength: 6 }), jsonValue), { maxKeys: 6 }),
    ),
    callDataCallId: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()),
    clientVersion: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: ['user'] },
);

/** The event as JSON (key order included) and the token kept apart. */
const shape = (mapped: ReturnType<typeof mapThirdPartyRequest>) => ({
  json: JSON.stringify(mapped.event),
  keys: Object.keys(mapped.event.vars ?? {}),
  ownProto: Object.getPrototypeOf(mapped.event.vars) === Object.prototype,
  userToken: mapped.userToken,
});

describe('mapThirdPartyRequest (one pass) against the mapping it replaced', () => {
  test('the same event, keys in the same order, for any body the schema admits', () => {
    const now = new Date('2026-03-02T10:00:00.000Z');
    fc.assert(
      fc.property(
        body,
        fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
        (candidate, requestId) => {
          // Parsed JSON, as the route sees it: `__proto__` is an own key, never a prototype.
          const parsed = JSON.parse(JSON.stringify(candidate)) as unknown;
          const check = validateThirdPartyRequest(parsed);
          fc.pre(check.ok);
          if (!check.ok) return;
          const context = requestId === undefined ? { now } : { now, requestId };
          const before = mapThirdPartyRequestBefore(check.body as ThirdPartyRequest, context);
          const after = mapThirdPartyRequest(check.body as ThirdPartyRequest, context);
          expect(shape(after)).toEqual(shape(before));
          expect(after.event).toEqual(before.event);
        },
      ),
      { seed: 19_2026, numRuns: 500 },
    );
  });
});

test('user data with a `__proto__` key (parsed JSON) stays an own var, never a prototype', () => {
  const body = JSON.parse(
    '{"user":{"agentId":1,"__proto__":{"x":1},"token":"t"},"userData":{"__proto__":{"polluted":true},"a":"b"}}',
  ) as ThirdPartyRequest;
  const now = new Date('2026-03-02T10:00:00.000Z');
  const after = mapThirdPartyRequest(body, { now, requestId: 'r' });
  const before = mapThirdPartyRequestBefore(body, { now, requestId: 'r' });
  expect(Object.getPrototypeOf(after.event.vars)).toBe(Object.prototype);
  expect((after.event.vars as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(after.event.vars ?? {})).toEqual(['__proto__', 'a', 'agentId']);
  expect(JSON.stringify(after.event)).toBe(JSON.stringify(before.event));
  const raw = after.event.raw as { user: object };
  expect(Object.getPrototypeOf(raw.user)).toBe(Object.prototype);
});
