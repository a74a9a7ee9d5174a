import { defaultMaxJsonDepth } from '@switchboard/core';

/** The JSON body of every error reply of the web service. */
export interface ErrorReply {
  readonly error: string;
  readonly message: string;
}

export interface ClassifiedError {
  readonly status: number;
  readonly reply: ErrorReply;
}

/** Thrown by the body parser for JSON that nests deeper than core's limit for outside input. */
export const tooDeepCode = 'SWB_XUCMGT_JSON_TOO_DEEP';

/**
 * Body-parsing errors → a status and a stable error name (also the `reject` reason). A `Map`: the
 * key is an error's `code`, which need not be one of ours.
 */
export const bodyErrors: ReadonlyMap<string, { status: number; error: string; message: string }> = new Map(
  Object.entries({
    [tooDeepCode]: {
      // 400, not 413: the body is within `bodyLimit`, and a smaller body nested as deep would fail too
      status: 400,
      error: 'too-deep',
      message: `The request body nests deeper than ${defaultMaxJsonDepth} levels`,
    },
    FST_ERR_CTP_BODY_TOO_LARGE: {
      status: 413,
      error: 'body-too-large',
      message: 'The request body is too large',
    },
    FST_ERR_CTP_INVALID_MEDIA_TYPE: {
      status: 415,
      error: 'unsupported-media-type',
      message: 'Send the request as Content-Type: application/json',
    },
    FST_ERR_CTP_INVALID_JSON_BODY: {
      status: 400,
      error: 'invalid-json',
      message: 'The request body is not valid JSON',
    },
    FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'invalid-json', message: 'The request body is empty' },
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
      status: 400,
      error: 'invalid-request',
      message: 'Content-Length does not match the body',
    },
  }),
);

/** Maps an error thrown while a request was handled to the reply; unknown errors are 500. */
export function classifyError(error: unknown): ClassifiedError {
  const e = error as { code?: string; statusCode?: number; message?: string; name?: string };
  const known = typeof e.code === 'string' ? bodyErrors.get(e.code) : undefined;
  if (known) return { status: known.status, reply: { error: known.error, message: known.message } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 400 && (e.name === 'SyntaxError' || /JSON/i.test(e.message ?? ''))) {
    return { status, reply: { error: 'invalid-json', message: 'The request body is not valid JSON' } };
  }
  if (status >= 400 && status < 500) {
    return { status, reply: { error: 'bad-request', message: e.message ?? 'Bad request' } };
  }
  return { status: 500, reply: { error: 'internal', message: 'The web service failed; see the daemon log' } };
}

export function errorReply(error: string, message: string): ErrorReply {
  return { error, message };
}
