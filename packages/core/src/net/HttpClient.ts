import type { Dispatcher } from 'undici';
import { SwitchboardError } from '../errors/index.js';
import { defaultMaxJsonDepth, jsonTextTooDeep } from '../util/jsonDepth.js';
import { lazyRequire } from '../util/lazyRequire.js';
import { Backoff, sleep } from './Backoff.js';
import { fieldValueProblem, isFieldName } from './httpFieldValue.js';

const undici = lazyRequire<typeof import('undici')>('undici');

export interface HttpRequest {
  readonly method?: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object or array is sent as JSON; a string as is. */
  readonly body?: unknown;
  /** Per attempt, in ms. */
  readonly timeoutMs?: number;
  /**
   * Further attempts after a network error, a timeout, a 5xx or a 429. Only for methods that may be
   * repeated (GET, HEAD, OPTIONS, PUT, DELETE), and for POST and PATCH with an `idempotencyKey`: a
   * POST that timed out may still have created its record, and sending it again would create another.
   */
  readonly retries?: number;
  /** First retry delay in ms; doubles per retry, with jitter. */
  readonly retryDelayMs?: number;
  /** Sent on every attempt so the server can recognise a repeated request; allows retrying POST and PATCH. */
  readonly idempotencyKey?: IdempotencyKey;
  readonly signal?: AbortSignal;
}

export interface IdempotencyKey {
  /** Header name; default `Idempotency-Key`. */
  readonly header?: string;
  readonly value: string;
}

export const defaultIdempotencyHeader = 'Idempotency-Key';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the response says JSON, else text. */
  readonly body: unknown;
  readonly attempts: number;
}

const retryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** Methods whose repetition has the effect of one request (RFC 9110, 9.2.2). */
const repeatableMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** The retries a request may use: none for POST/PATCH (and unknown methods) without an idempotency key. */
function allowedRetries(req: HttpRequest): number {
  const method = (req.method ?? 'GET').toUpperCase();
  return repeatableMethods.has(method) || req.idempotencyKey !== undefined ? (req.retries ?? 0) : 0;
}

/** HTTP calls for the `http` action and for adapters: undici, timeouts, retries with backoff. */
export class HttpClient {
  readonly #dispatcher: Dispatcher | undefined;

  constructor(dispatcher?: Dispatcher) {
    this.#dispatcher = dispatcher;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const retries = allowedRetries(req);
    const backoff = new Backoff({ initialMs: req.retryDelayMs ?? 200, maxMs: 10_000, jitter: 0.5 });
    let lastError: unknown;
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      try {
        const response = await this.#once(req, attempt);
        if (!retryableStatus(response.status) || attempt > retries) return response;
        lastError = new SwitchboardError(
          'SWB_HTTP_STATUS',
          `HTTP ${response.status} from ${redactUrl(req.url)}`,
        );
      } catch (error) {
        if (req.signal?.aborted || isPermanent(error)) throw error;
        lastError = error;
        if (attempt > retries) break;
      }
      await sleep(backoff.next(), req.signal);
    }
    throw lastError;
  }

  async #once(req: HttpRequest, attempt: number): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.idempotencyKey) {
      const name = req.idempotencyKey.header ?? defaultIdempotencyHeader;
      for (const key of Object.keys(headers))
        if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      headers[name] = req.idempotencyKey.value;
    }
    checkHeaders(headers);
    let body: string | undefined;
    if (req.body !== undefined && req.body !== null) {
      if (typeof req.body === 'string') {
        body = req.body;
      } else {
        body = JSON.stringify(req.body);
        if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
      }
    }
    const timeoutMs = req.timeoutMs ?? 5000;
    // A timer cleared once the reply is read: `AbortSignal.timeout` would still fire after every completed
    // call (a DOMException and an abort event each, ~3% of the daemon's CPU on a webhook → http job).
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`no response within ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    // Like AbortSignal.timeout's: a call left in flight at shutdown must not hold the process open.
    timer.unref();
    const signal = req.signal ? AbortSignal.any([timeout.signal, req.signal]) : timeout.signal;
    try {
      const res = await undici().request(req.url, {
        method: (req.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
        headers,
        body,
        signal,
        ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}),
      });
      const text = await res.body.text();
      const responseHeaders = flattenHeaders(res.headers);
      const type = responseHeaders['content-type'] ?? '';
      return {
        status: res.statusCode,
        headers: responseHeaders,
        body: parseBody(text, type, req.url),
        attempts: attempt,
      };
    } catch (error) {
      if (isTimeout(error)) {
        throw new SwitchboardError(
          'SWB_ACTION_TIMEOUT',
          `no response from ${redactUrl(req.url)} within ${timeoutMs} ms`,
          {
            cause: error,
          },
        );
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A clear error for a header undici would refuse with `invalid … header` (the value is never shown). */
function checkHeaders(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!isFieldName(name)) {
      throw new SwitchboardError(
        'SWB_HTTP_HEADER_VALUE',
        `the header name ${JSON.stringify(name)} is not an HTTP token`,
      );
    }
    const problem = fieldValueProblem(value);
    if (problem !== undefined) {
      throw new SwitchboardError(
        'SWB_HTTP_HEADER_VALUE',
        `the value of header \`${name}\` holds ${problem.what} at position ${problem.index}, which HTTP headers cannot carry`,
      );
    }
  }
}

/** Our own errors other than a timeout describe a reply that another attempt would not change. */
function isPermanent(error: unknown): boolean {
  return SwitchboardError.is(error) && error.code !== 'SWB_ACTION_TIMEOUT';
}

function isTimeout(error: unknown): boolean {
  return (
    (error instanceof DOMException && error.name === 'TimeoutError') ||
    error instanceof undici().errors.HeadersTimeoutError ||
    error instanceof undici().errors.BodyTimeoutError
  );
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseBody(text: string, contentType: string, url: string): unknown {
  if (text.length > 0 && /\bjson\b/i.test(contentType)) {
    // A reply may be saved into the call's vars: what core could not render later is refused here.
    if (jsonTextTooDeep(text)) {
      throw new SwitchboardError(
        'SWB_ACTION_FAILED',
        `the JSON reply from ${redactUrl(url)} nests deeper than ${defaultMaxJsonDepth} levels`,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** A URL for messages: without user info and query (both may carry secrets). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}
