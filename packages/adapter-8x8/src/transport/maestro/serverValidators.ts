import { createAjv } from '@switchboard/core';
import { checkEnvelope, type EnvelopeCheck, type EnvelopeValidators } from './checkEnvelope.js';
import { defaultSchemaVersion, failedEnvelope, successEnvelopeSchemas } from './maestroSchemas.js';

let validators: EnvelopeValidators | undefined;

function compile(): EnvelopeValidators {
  const ajv = createAjv({ allErrors: true });
  const success: Record<string, EnvelopeValidators['failed']> = {};
  for (const [version, schema] of Object.entries(successEnvelopeSchemas))
    success[version] = ajv.compile(schema);
  return { success, failed: ajv.compile(failedEnvelope), defaultVersion: defaultSchemaVersion };
}

/** The daemon's own check of a Maestro message: it never trusts the browser's. */
export function checkMaestroEnvelope(message: unknown): EnvelopeCheck {
  validators ??= compile();
  return checkEnvelope(message, validators);
}
