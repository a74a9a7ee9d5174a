import { SwitchboardError } from '../errors/SwitchboardError.js';

/**
 * What a failed connection attempt (or a session's end) asks the loop to do:
 * - `not-connected`: retry after the next backoff delay;
 * - `back-off`: retry after at least `retryAfterMs` (the server said so: 429, Retry-After);
 * - `end-of-stream`: the source is finished; the connection stops (state `stopped`);
 * - `refused`: credentials or configuration are wrong; state `failed`, no retry until a restart.
 */
export type ConnectionErrorKind = 'not-connected' | 'back-off' | 'end-of-stream' | 'refused';

interface ErrorOptions {
  readonly code?: string;
  readonly cause?: unknown;
}

const brand = Symbol.for('@switchboard/core/ConnectionError');

/** The errors the connection loop understands. Its message is logged and shown as the state detail. */
export class ConnectionError extends SwitchboardError {
  readonly [brand] = true;
  readonly kind: ConnectionErrorKind;
  readonly retryAfterMs: number | undefined;
  /** The state shown while retrying: `failed` for a problem a person must fix (a certificate). */
  readonly report: 'disconnected' | 'failed';

  private constructor(
    kind: ConnectionErrorKind,
    message: string,
    options: ErrorOptions & { retryAfterMs?: number; report?: 'disconnected' | 'failed' },
  ) {
    super(
      options.code ?? 'SWB_CONNECTION_LOST',
      message,
      options.cause === undefined ? {} : { cause: options.cause },
    );
    this.name = 'ConnectionError';
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
    this.report = options.report ?? (kind === 'refused' ? 'failed' : 'disconnected');
  }

  static notConnected(
    message: string,
    options: ErrorOptions & { readonly report?: 'disconnected' | 'failed' } = {},
  ): ConnectionError {
    return new ConnectionError('not-connected', message, options);
  }

  static backOff(ms: number, message: string, options: ErrorOptions = {}): ConnectionError {
    return new ConnectionError('back-off', message, { ...options, retryAfterMs: ms });
  }

  static endOfStream(message: string): ConnectionError {
    return new ConnectionError('end-of-stream', message, {});
  }

  static refused(message: string, options: ErrorOptions & { readonly code: string }): ConnectionError {
    return new ConnectionError('refused', message, { ...options, report: 'failed' });
  }

  static override is(value: unknown): value is ConnectionError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}
