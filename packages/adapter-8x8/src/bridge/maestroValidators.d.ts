/** Generated at build time (scripts/build-bridge.mjs): ajv standalone validators of the Maestro schemas. */
declare module 'virtual:maestro-validators' {
  import type { EnvelopeValidators } from '../transport/maestro/checkEnvelope.js';
  export const validators: EnvelopeValidators;
}
