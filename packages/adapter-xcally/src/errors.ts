import { defineErrorCodes } from '@switchboard/core';

/**
 * The adapter's error codes. An action that fails with one keeps it in `action.failed`
 * (`vars.failure.code`), the log line and `switchboard_action_errors_total{code}`; a connection that
 * fails with one shows it on its log line and in `adapter.error` (`vars.code`).
 */
export const xcallyErrors = defineErrorCodes('XC', {
  XC_NOT_CONNECTED: 'An action ran while the adapter was not connected to xcally-realtime; nothing was sent.',
  XC_NOT_CONFIRMED:
    'A command was emitted but its write was not confirmed (the connection closed, or `confirmTimeoutMs` passed): it may or may not have arrived.',
  XC_NO_PEER: '`wakeup` or `notification` had no peer to address: the event has none and the rule set none.',
  XC_UNREACHABLE: 'xcally-realtime could not be reached (refused, timed out, unknown host).',
  XC_REFUSED: 'xcally-realtime answered but refused the connection (a wrong or missing token).',
  XC_TLS_UNTRUSTED: "xcally-realtime's certificate is not trusted, or it does not speak TLS.",
  XC_PROTOCOL_MISMATCH: 'xcally-realtime speaks another socket.io generation than `protocol` says.',
  XC_NOT_SOCKET_IO: 'The `url` and `path` do not lead to a socket.io server.',
});

export type XcallyErrorCode = keyof typeof xcallyErrors.codes;
