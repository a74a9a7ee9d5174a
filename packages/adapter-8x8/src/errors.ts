/** Stable codes of the errors this adapter raises; the README lists each. */
export const adapter8x8ErrorCodes = {
  X8_SAPI_AUTH: 'SAPI refused the tenant and token (HTTP 401).',
  X8_SAPI_REFUSED: 'SAPI refused the subscription; most often the limit of 3 clients per tenant.',
  X8_SAPI_HTTP: 'SAPI answered the subscription with an unexpected HTTP status.',
  X8_SAPI_NETWORK: 'The SAPI stream could not be opened or broke off.',
  X8_SAPI_READ_TIMEOUT: 'The SAPI stream was silent longer than the read timeout.',
  X8_SAPI_STALLED: 'SAPI sent bytes but no complete message for longer than the read timeout.',
  X8_DIAL_INVALID_NUMBER: 'A `dial` got a phone number that is not a valid number (E.164 after normalizing).',
  X8_DIAL_NO_BRIDGE:
    'A `dial` found no connected browser bridge for the agent, or the bridge did not confirm.',
  X8_DIAL_NOT_CONFIGURED: 'A `dial` ran on an instance without `maestro` options.',
} as const;

export type Adapter8x8ErrorCode = keyof typeof adapter8x8ErrorCodes;

const brand = Symbol.for('@switchboard/adapter-8x8/Adapter8x8Error');

/** Errors of the 8x8 adapter, each with a stable `code` and an optional `cause`. */
export class Adapter8x8Error extends Error {
  readonly [brand] = true;
  readonly code: Adapter8x8ErrorCode;

  constructor(code: Adapter8x8ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Adapter8x8Error';
    this.code = code;
  }

  static is(value: unknown): value is Adapter8x8Error {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }

  override toString(): string {
    return `${this.message} [${this.code}]`;
  }
}
