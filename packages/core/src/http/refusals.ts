import type { Refusal } from '../contract/HttpHost.js';

/** The refusals core's JSON routes send, by reason. */
export const refusals = {
  unsupportedMediaType: (): Refusal => ({
    reason: 'unsupported-media-type',
    status: 415,
    message: 'Send the request body as JSON (Content-Type: application/json)',
  }),
  bodyTooLarge: (limit: number): Refusal => ({
    reason: 'body-too-large',
    status: 413,
    message: `The request body is larger than ${limit} bytes`,
  }),
  // 400, not 413: the body is within the limit, and a smaller body nested as deep would fail too.
  tooDeep: (depth: number): Refusal => ({
    reason: 'too-deep',
    status: 400,
    message: `The request body nests deeper than ${depth} levels`,
  }),
  invalidJson: (detail?: string): Refusal => ({
    reason: 'invalid-json',
    status: 400,
    message:
      detail === undefined
        ? 'The request body is not valid JSON'
        : `The request body is not valid JSON: ${detail}`,
  }),
  emptyBody: (): Refusal => ({ reason: 'invalid-json', status: 400, message: 'The request body is empty' }),
  badRequest: (message: string): Refusal => ({ reason: 'bad-request', status: 400, message }),
  originNotAllowed: (origin: string | undefined): Refusal => ({
    reason: 'origin-not-allowed',
    status: 403,
    message: `Origin ${String(origin)} is not allowed`,
  }),
  stopping: (): Refusal => ({ reason: 'stopping', status: 503, message: 'The daemon is shutting down' }),
} as const;

/**
 * Fastify's own errors while a request is read (body limit, media type, content length) → the refusal
 * they stand for; undefined for anything else (a bug: 500, logged).
 */
export function refusalOfFastifyError(
  error: { code?: string; statusCode?: number; message?: string },
  bodyLimit: number,
): Refusal | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413)
    return refusals.bodyTooLarge(bodyLimit);
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415)
    return refusals.unsupportedMediaType();
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return refusals.badRequest(error.message ?? 'Bad request');
  }
  return undefined;
}
