import type { EventInput, MappingContext } from '@switchboard/core';
import { xucmgtErrors } from '../errors.js';
import { mapThirdPartyRequest } from './mapThirdPartyRequest.js';
import { validateThirdPartyRequest } from './validateThirdPartyRequest.js';

/**
 * The manifest's pure mapping, for `rules-runner replay` and rule tests: a recorded POST body becomes
 * the `call.offered` event the live web service would publish (without the JWT).
 */
export function mapVendorEvent(payload: unknown, context: MappingContext): readonly EventInput[] {
  const check = validateThirdPartyRequest(payload);
  if (!check.ok) {
    throw xucmgtErrors.error('XU_INVALID_REQUEST', `not a XucMgt third-party request: ${check.error}`);
  }
  return [mapThirdPartyRequest(check.body, { now: context.now }).event];
}
