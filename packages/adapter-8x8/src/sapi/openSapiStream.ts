import { type Dispatcher, request, errors as undiciErrors } from 'undici';
import { Adapter8x8Error } from '../errors/Adapter8x8Error.js';
import type { CredentialRedactor } from './CredentialRedactor.js';
import { classifyRefusal } from './classifyRefusal.js';
import type { SapiFrame } from './SapiFrame.js';
import { SapiStreamParser } from './SapiStreamParser.js';

export interface SapiStreamRequest {
  readonly url: URL;
  readonly authorization: string;
  readonly tenant: string;
  readonly readTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly signal: AbortSignal;
  /** What is quoted of a refusal's body goes through it. */
  readonly redactor: CredentialRedactor;
  readonly dispatcher?: Dispatcher;
}

export interface SapiStreamHandlers {
  /** The server accepted the subscription (HTTP 200): events will follow. */
  onOpen(): void;
  onFrame(frame: SapiFrame): void;
}

/** How one subscription session ended. `partial` is the text of a message cut off mid-way, if any. */
export type SapiSessionEnd =
  | { readonly kind: 'ended'; readonly partial: string }
  | {
      readonly kind: 'broken';
      readonly opened: boolean;
      readonly error: Adapter8x8Error;
      readonly partial: string;
    }
  | { readonly kind: 'refused'; readonly status: number; readonly error: Adapter8x8Error }
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

function brokenError(error: unknown, readTimeoutMs: number): Adapter8x8Error {
  if (error instanceof undiciErrors.BodyTimeoutError) {
    return new Adapter8x8Error(
      'X8_SAPI_READ_TIMEOUT',
      `the SAPI stream was silent for ${Math.round(readTimeoutMs / 1000)} s`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Adapter8x8Error('X8_SAPI_NETWORK', `the SAPI stream broke off: ${message}`, { cause: error });
}

/**
 * One SAPI subscription session over undici: subscribe with preemptive Basic auth, parse the stream
 * as it arrives, and report how it ended. Never throws: every ending is a `SapiSessionEnd`.
 */
export async function openSapiStream(
  req: SapiStreamRequest,
  handlers: SapiStreamHandlers,
): Promise<SapiSessionEnd> {
  const parser = new SapiStreamParser();
  let opened = false;
  try {
    const response = await request(req.url, {
      method: 'GET',
      headers: {
        authorization: req.authorization,
        accept: 'application/json, application/xml, text/plain, */*',
        'cache-control': 'no-cache',
      },
      signal: req.signal,
      headersTimeout: req.connectTimeoutMs,
      bodyTimeout: req.readTimeoutMs,
      ...(req.dispatcher ? { dispatcher: req.dispatcher } : {}),
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
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      for (const frame of parser.push(chunk)) handlers.onFrame(frame);
    }
    const rest = parser.end();
    for (const frame of rest.frames) handlers.onFrame(frame);
    return { kind: 'ended', partial: rest.partial };
  } catch (error) {
    if (req.signal.aborted) return { kind: 'stopped' };
    const rest = parser.end();
    for (const frame of rest.frames) handlers.onFrame(frame);
    return { kind: 'broken', opened, error: brokenError(error, req.readTimeoutMs), partial: rest.partial };
  }
}
