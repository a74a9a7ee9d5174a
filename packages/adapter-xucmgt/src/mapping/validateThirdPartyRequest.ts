import { createAjv, describeAjvErrors } from '@switchboard/core';
import { type ThirdPartyRequest, thirdPartyRequestSchema } from './thirdPartyRequestSchema.js';

const validate = createAjv().compile<ThirdPartyRequest>(thirdPartyRequestSchema);

export type RequestCheck =
  | { readonly ok: true; readonly body: ThirdPartyRequest }
  | { readonly ok: false; readonly error: string };

/** Checks a parsed POST body against the schema of every documented XucMgt version. */
export function validateThirdPartyRequest(body: unknown): RequestCheck {
  if (validate(body)) return { ok: true, body };
  return { ok: false, error: describeAjvErrors(validate.errors, 'the request body') };
}
