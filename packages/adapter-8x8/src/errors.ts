import { defineErrorCodes } from '@switchboard/core';

/**
 * The adapter's error codes; the README lists each. An action that fails with one keeps it in
 * `action.failed` (`vars.failure.code`), the log line and `switchboard_action_errors_total{code}`; the
 * SAPI subscription's and the Event Streaming reader's failures show theirs on the log line and in `adapter.error` (`vars.code`).
 */
export const x8Errors = defineErrorCodes('X8', {
  X8_SAPI_AUTH: 'SAPI refused the tenant and token (HTTP 401).',
  X8_SAPI_REFUSED: 'SAPI refused the subscription; most often the limit of 3 clients per tenant.',
  X8_SAPI_HTTP: 'SAPI answered the subscription with an unexpected HTTP status.',
  X8_SAPI_NETWORK: 'The SAPI stream could not be opened or broke off.',
  X8_SAPI_READ_TIMEOUT: 'The SAPI stream was silent longer than the read timeout.',
  X8_SAPI_STALLED: 'SAPI sent bytes but no complete message for longer than the read timeout.',
  X8_STREAM_AUTH:
    'Event Streaming refused the API key (HTTP 401): wrong, revoked or missing; not retried until a restart.',
  X8_STREAM_FORBIDDEN:
    'Event Streaming refused the topic (HTTP 403): the API key has no permission on it; not retried until a restart.',
  X8_STREAM_HTTP: 'Event Streaming answered the WebSocket handshake with an unexpected HTTP status.',
  X8_STREAM_NETWORK: 'The Event Streaming WebSocket could not be opened or broke off.',
  X8_STREAM_IDLE: 'The Event Streaming WebSocket sent no frame and no pong for longer than the idle timeout.',
  X8_STREAM_STATE: 'A message could not be recorded (the state store failed): not acknowledged, read again.',
  X8_DIAL_INVALID_NUMBER: 'A `dial` got a phone number that is not a valid number (E.164 after normalizing).',
  X8_DIAL_NO_BRIDGE:
    'A `dial` found no connected browser bridge for the agent, or the bridge did not confirm.',
  X8_DIAL_NOT_CONFIGURED: 'A `dial` ran on an instance without `maestro` options.',
});

export type X8ErrorCode = keyof typeof x8Errors.codes;
