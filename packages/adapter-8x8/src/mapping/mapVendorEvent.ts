import { type EventInput, isRecord, type MappingContext } from '@switchboard/core';
import { checkMaestroEnvelope } from '../transport/maestro/serverValidators.js';
import { toSapiEvent } from '../transport/sapi/decodeSapiMessage.js';
import { contentHash } from './contentHash.js';
import { mapMaestroEnvelope } from './mapMaestroEnvelope.js';
import { mapMaestroFailure } from './mapMaestroErrors.js';
import { mapSapiEvent } from './mapSapiEvent.js';

/**
 * The manifest's pure mapping for `rules-runner replay` and rule tests: a recorded SAPI event
 * (`{"Interaction": {…}}`, as in NEWLINE_JSON) or a Maestro message (`{eventType, status, data}`).
 * Throws for a payload that is neither, so replay reports it.
 */
export function mapVendorEvent(payload: unknown, context: MappingContext): readonly EventInput[] {
  if (isRecord(payload) && 'eventType' in payload && 'status' in payload) {
    const check = checkMaestroEnvelope(payload);
    if (!check.ok) throw new Error(`invalid Maestro message: ${check.reason}`);
    if (check.kind === 'failed') {
      return [mapMaestroFailure(check.envelope, { ...context, messageId: contentHash(payload) })];
    }
    const event = mapMaestroEnvelope(check.envelope, context);
    return event ? [event] : [];
  }
  const decoded = toSapiEvent(payload);
  if (!decoded.ok) throw new Error(`not a SAPI event: ${decoded.error}`);
  const mapped = mapSapiEvent(decoded.event, context);
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.events;
}
