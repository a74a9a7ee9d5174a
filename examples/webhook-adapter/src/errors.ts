import { defineErrorCodes } from '@switchboard/core';

/**
 * The codes of the JSON a refused request gets (`{ "code": "WEBHOOK_INVALID_BODY", "message": "…" }`),
 * stable for senders to act on. `WebhookRoutes` gives each refusal its code; a body the mapping cannot
 * turn into an event fails with `WEBHOOK_INVALID_BODY`, in a reply and in `rules-runner replay` alike.
 */
export const webhookErrors = defineErrorCodes('WEBHOOK', {
  WEBHOOK_UNAUTHORIZED: 'Missing or wrong bearer token or signature (401).',
  WEBHOOK_INVALID_JSON: 'An empty body, one that is not JSON, or one with a `__proto__` key (400).',
  WEBHOOK_TOO_DEEP: 'Objects and arrays nested deeper than 64 levels; a batch`s array counts (400).',
  WEBHOOK_INVALID_BODY:
    'The mapping cannot make a valid event of a body (400): nothing of the request is published.',
  WEBHOOK_BODY_TOO_LARGE: 'A body larger than `bodyLimit` (413).',
  WEBHOOK_UNSUPPORTED_MEDIA_TYPE: 'A body not sent as JSON (415).',
  WEBHOOK_BAD_REQUEST:
    'Any other malformed request, e.g. a `Content-Length` that does not match the body (400).',
  WEBHOOK_STOPPING: 'The daemon is shutting down (503); not counted as bad input.',
  WEBHOOK_UNAVAILABLE:
    'The daemon could not record the events in its state store (503, `Retry-After`): nothing was taken; send them again.',
  WEBHOOK_INTERNAL: 'A bug, logged as an error with its cause (500); not counted as bad input.',
});

export type WebhookErrorCode = keyof typeof webhookErrors.codes;
