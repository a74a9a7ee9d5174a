import { checkOptions, normalizedEventTypes, secretOptionPaths, validateManifest } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import webhookAdapter, { defaultMapping } from '../src/index.js';

const options = (value: unknown) => checkOptions(webhookAdapter, value);
const errorsOf = (value: unknown): string => {
  const result = options(value);
  return result.ok ? '' : JSON.stringify(result.errors.map((e) => `${e.instancePath} ${e.message}`));
};
const bearer = { bearer: 'a-bearer-token-of-some-length' };

describe('the plugin manifest', () => {
  test("passes core's manifest check, as the runner does when loading it by package name", () => {
    expect(validateManifest(webhookAdapter, 'switchboard-adapter-webhook')).toBe(webhookAdapter);
    expect(webhookAdapter.packageName).toBe('switchboard-adapter-webhook');
  });

  test('emits exactly what a mapping can produce: no adapter.* or action.failed, which core raises', () => {
    const expected = normalizedEventTypes.filter((t) => !t.startsWith('adapter.') && t !== 'action.failed');
    expect([...webhookAdapter.emits.events]).toEqual(expected);
    expect(webhookAdapter.emits.anyVendorEvent).toBe(true);
    expect(webhookAdapter.actions).toEqual({});
  });

  test('marks both secrets, so the daemon redacts them from every log line', () => {
    expect(secretOptionPaths(webhookAdapter.optionsSchema)).toEqual([
      ['auth', 'bearer'],
      ['auth', 'hmac', 'secret'],
    ]);
  });
});

describe('the options schema', () => {
  test('fills in defaults: the default mapping, async answers, limits', () => {
    const result = options({ auth: { hmac: { secret: 'an-hmac-secret-of-some-length' } } });
    expect(result.ok && result.options).toEqual({
      auth: {
        hmac: {
          secret: 'an-hmac-secret-of-some-length',
          header: 'x-signature',
          algorithm: 'sha256',
          encoding: 'hex',
          prefix: '',
        },
      },
      mapping: defaultMapping,
      sync: false,
      syncTimeout: 5000,
      bodyLimit: 65536,
      maxBatch: 100,
    });
  });

  test('requires exactly one way to authenticate, with a secret worth the name', () => {
    expect(errorsOf({})).toContain("must have required property 'auth'");
    expect(errorsOf({ auth: {} })).toContain('/auth must NOT have fewer than 1 properties');
    expect(errorsOf({ auth: { ...bearer, hmac: { secret: 'an-hmac-secret-of-some-length' } } })).toContain(
      'more than 1 properties',
    );
    expect(errorsOf({ auth: { bearer: 'short' } })).toContain(
      '/auth/bearer must NOT have fewer than 16 characters',
    );
  });

  test('refuses a bad path where it is written', () => {
    expect(errorsOf({ auth: bearer, mapping: { type: 'call.offered', id: '$..id' } })).toContain(
      '/mapping/id must match pattern',
    );
    expect(errorsOf({ auth: bearer, mapping: { type: 'call.offered', call: { id: '$.a[x]' } } })).toContain(
      '/mapping/call/id must match pattern',
    );
  });

  test('a type must be one the adapter emits; call and agent fields are those of the event model', () => {
    expect(errorsOf({ auth: bearer, mapping: { type: 'adapter.connected' } })).toContain(
      '/mapping/type must be equal to one of the allowed values',
    );
    expect(errorsOf({ auth: bearer, mapping: { type: { from: '$.e', map: { x: 'call.rang' } } } })).toContain(
      '/mapping/type/map/x must be equal to one of the allowed values',
    );
    expect(
      errorsOf({ auth: bearer, mapping: { type: 'call.offered', call: { id: '$.c', colour: 'red' } } }),
    ).toContain('must NOT have additional properties');
    expect(errorsOf({ auth: bearer, mapping: { type: 'call.offered', call: { queue: '$.q' } } })).toContain(
      "must have required property 'id'",
    );
    expect(
      errorsOf({ auth: bearer, mapping: { type: 'call.offered', vars: { a: { map: { x: 1 } } } } }),
    ).toContain('must have property from when property map is present');
  });

  test('the fixture mapping of switchboard.yaml is valid', async () => {
    const { pbxMapping } = await import('./fixtures/pbxMapping.js');
    expect(errorsOf({ auth: bearer, mapping: pbxMapping })).toBe('');
  });
});
