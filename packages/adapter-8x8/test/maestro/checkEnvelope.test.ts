import { describe, expect, test } from 'vitest';
import {
  maestroEvent,
  maestroInvalidSchema,
  maestroUnsupportedVersion,
} from '../../src/testing/maestroSamples.js';
import { checkMaestroEnvelope } from '../../src/transport/maestro/serverValidators.js';

const offered = () => maestroEvent({ eventName: 'offered', eventId: 'e1', searchContext: '+14155550123' });

describe('checkMaestroEnvelope (the schemas, per schemaVersion)', () => {
  test('success messages of the catalogue pass, with or without schemaVersion, as objects or JSON text', () => {
    expect(checkMaestroEnvelope(offered())).toMatchObject({ ok: true, kind: 'success' });
    const { schemaVersion: _, ...data } = offered().data as Record<string, unknown>;
    expect(checkMaestroEnvelope({ ...offered(), data })).toMatchObject({ ok: true, kind: 'success' });
    expect(checkMaestroEnvelope(JSON.stringify(offered()))).toMatchObject({ ok: true });
    for (const eventName of ['accepted', 'completed', 'terminated'] as const)
      expect(checkMaestroEnvelope(maestroEvent({ eventName, eventId: 'e', searchContext: '1' })).ok).toBe(
        true,
      );
  });

  test("Maestro's own failed reports pass as kind failed", () => {
    expect(checkMaestroEnvelope(maestroInvalidSchema())).toMatchObject({ ok: true, kind: 'failed' });
    expect(checkMaestroEnvelope(maestroUnsupportedVersion())).toMatchObject({ ok: true, kind: 'failed' });
  });

  test('missing fields, wrong types, an unknown version and junk are invalid, with reasons', () => {
    const missing = checkMaestroEnvelope({
      eventType: 'mashell-voice-phone-offered-cc-event-v1',
      status: 'success',
      data: { eventName: 'offered' },
    });
    expect(missing).toMatchObject({ ok: false, reason: 'INVALID_SCHEMA' });
    expect(!missing.ok && missing.errors.map((e) => e.message)).toContain(
      "must have required property 'eventId'",
    );
    const ended = maestroEvent({ eventName: 'terminated', eventId: 'e', searchContext: '1' });
    delete (ended.data as Record<string, unknown>).callDuration;
    expect(checkMaestroEnvelope(ended)).toMatchObject({ ok: false, reason: 'INVALID_SCHEMA' });
    const v2 = offered();
    (v2.data as Record<string, unknown>).schemaVersion = '2.0.0';
    expect(checkMaestroEnvelope(v2)).toMatchObject({ ok: false, reason: 'UNSUPPORTED_SCHEMA_VERSION' });
    expect(checkMaestroEnvelope('{nope')).toMatchObject({ ok: false, reason: 'NOT_JSON' });
    expect(checkMaestroEnvelope(42)).toMatchObject({ ok: false, reason: 'NOT_AN_OBJECT' });
    expect(checkMaestroEnvelope({ status: 'pending' })).toMatchObject({
      ok: false,
      reason: 'INVALID_SCHEMA',
    });
  });
});
