/**
 * Every way a request is refused: HTTP status and the stable code in the JSON reply
 * (`{ "code": "WEBHOOK_INVALID_BODY", "message": "…" }`). The key is the reason the rejection is counted
 * under (`switchboard_input_rejected_total{reason}`) and logged with.
 */
export const webhookErrors = {
  unauthorized: { status: 401, code: 'WEBHOOK_UNAUTHORIZED' },
  'invalid-json': { status: 400, code: 'WEBHOOK_INVALID_JSON' },
  // 400, not 413: the body is within `bodyLimit`, and a smaller body nested as deep fails the same way
  'too-deep': { status: 400, code: 'WEBHOOK_TOO_DEEP' },
  'invalid-body': { status: 400, code: 'WEBHOOK_INVALID_BODY' },
  'body-too-large': { status: 413, code: 'WEBHOOK_BODY_TOO_LARGE' },
  'unsupported-media-type': { status: 415, code: 'WEBHOOK_UNSUPPORTED_MEDIA_TYPE' },
  'bad-request': { status: 400, code: 'WEBHOOK_BAD_REQUEST' },
} as const;

export type WebhookRefusal = keyof typeof webhookErrors;

/** Not bad input, so not counted: the daemon is shutting down. */
export const stoppingError = { status: 503, code: 'WEBHOOK_STOPPING' } as const;

/** Not bad input either: a bug, logged with its cause; the sender only learns that it failed. */
export const internalError = { status: 500, code: 'WEBHOOK_INTERNAL' } as const;

/** Fastify's own 4xx errors (body parsing, limits) → the refusal they stand for; undefined for anything else. */
export function refusalOfFastifyError(error: {
  code?: string;
  statusCode?: number;
}): WebhookRefusal | undefined {
  if (error.statusCode === undefined || error.statusCode < 400 || error.statusCode >= 500) return undefined;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) return 'body-too-large';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
    return 'unsupported-media-type';
  }
  return 'bad-request';
}
