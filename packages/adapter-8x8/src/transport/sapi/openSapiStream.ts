import { ConnectionError } from '@switchboard/core';
import { Agent, request, errors as undiciErrors } from 'undici';
import type { CredentialRedactor } from './CredentialRedactor.js';
import { classifyRefusal } from './classifyRefusal.js';
import type { SapiFrame } from './SapiFrame.js';
import { SapiStreamParser, type SapiStreamParserOptions } from './SapiStreamParser.js';
import { StreamWatchdog } from './StreamWatchdog.js';

export interface SapiStreamRequest {
  readonly url: URL;
  readonly authorization: string;
  readonly tenant: string;
  /** A stream with nothing complete (no frame, no idle whitespace) for this long is dead. */
  readonly readTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly signal: AbortSignal;
  readonly parser: SapiStreamParserOptions;
  /** What is quoted of a refusal's body goes through it. */
  readonly redactor: CredentialRedactor;
}

export interface SapiStreamHandlers {
  /** The server accepted the subscription (HTTP 200): events will follow. */
  onOpen(): void;
  /**
   * The frames each chunk completed, in order (never an empty list). Must not throw: whatever goes wrong
   * with a frame costs only that frame.
   */
  onFrames(frames: readonly SapiFrame[]): void;
}

/** How one subscription session ended. A message cut off mid-way has come as an `invalid` frame. */
export type SapiSessionEnd =
  | { readonly kind: 'ended' }
  | { readonly kind: 'broken'; readonly opened: boolean; readonly error: ConnectionError }
  | { readonly kind: 'refused'; readonly status: number; readonly error: ConnectionError }
  | { readonly kind: 'stopped' };

const maxErrorBody = 4096;

async function readSome(body: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += chunk.toString('utf8');
    if (text.length >= maxErrorBody) break;
  }
  return text.slice(0, maxErrorBody);
}

function brokenError(error: unknown, watchdog: StreamWatchdog, readTimeoutMs: number): ConnectionError {
  const seconds = Math.round(readTimeoutMs / 1000);
  if (watchdog.expired && watchdog.bytesSinceProgress > 0) {
    return ConnectionError.notConnected(
      `the SAPI stream sent ${watchdog.bytesSinceProgress} bytes but no complete message for ${seconds} s`,
      { code: 'X8_SAPI_STALLED' },
    );
  }
  if (watchdog.expired || error instanceof undiciErrors.BodyTimeoutError) {
    return ConnectionError.notConnected(`the SAPI stream was silent for ${seconds} s`, {
      code: 'X8_SAPI_READ_TIMEOUT',
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return ConnectionError.notConnected(`the SAPI stream broke off: ${message}`, {
    code: 'X8_SAPI_NETWORK',
    cause: error,
  });
}

/**
 * One SAPI subscription session over undici: subscribe with preemptive Basic auth, parse the stream
 * as it arrives, and report how it ended. A stream that stops making progress (silent, or bytes that
 * never complete a message) for the read timeout is given up. Never throws: every ending is a
 * `SapiSessionEnd`.
 */
export async function openSapiStream(
  req: SapiStreamRequest,
  handlers: SapiStreamHandlers,
): Promise<SapiSessionEnd> {
  const parser = new SapiStreamParser(req.parser);
  const stalled = new AbortController();
  const watchdog = new StreamWatchdog(req.readTimeoutMs, () => stalled.abort(new Error('no progress')));
  const deliver = (frames: readonly SapiFrame[]): void => {
    if (frames.length > 0) handlers.onFrames(frames);
  };
  // One connection pool per stream, closed with it: a stream lives an hour and shares nothing.
  const agent = new Agent({ connections: 1 });
  let opened = false;
  try {
    const response = await request(req.url, {
      method: 'GET',
      headers: {
        authorization: req.authorization,
        accept: 'application/json, application/xml, text/plain, */*',
        'cache-control': 'no-cache',
      },
      signal: AbortSignal.any([req.signal, stalled.signal]),
      headersTimeout: req.connectTimeoutMs,
      // The watchdog judges the body: bytes that never complete a message are no sign of life.
      bodyTimeout: 0,
      dispatcher: agent,
    });
    if (response.statusCode !== 200) {
      const body = await readSome(response.body).catch(() => '');
      response.body.destroy();
      return {
        kind: 'refused',
        status: response.statusCode,
        error: classifyRefusal(response.statusCode, req.redactor.excerpt(body), req.tenant),
      };
    }
    opened = true;
    handlers.onOpen();
    watchdog.start();
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      watchdog.received(chunk.length);
      const frames = parser.push(chunk);
      if (frames.length > 0 || parser.pending === 0) watchdog.progress();
      deliver(frames);
    }
    deliver(parser.end());
    return { kind: 'ended' };
  } catch (error) {
    if (req.signal.aborted) return { kind: 'stopped' };
    deliver(parser.end());
    return { kind: 'broken', opened, error: brokenError(error, watchdog, req.readTimeoutMs) };
  } finally {
    watchdog.stop();
    await agent.destroy().catch(() => undefined);
  }
}
