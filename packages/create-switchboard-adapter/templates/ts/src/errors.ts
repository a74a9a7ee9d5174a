import { defineErrorCodes } from '@switchboard/core';

/**
 * The adapter's error codes: an action that fails with one keeps it in `action.failed`
 * (`vars.failure.code`), the log line and `switchboard_action_errors_total{code}`.
 */
export const __vendorCamel__Errors = defineErrorCodes('__PREFIX__', {
  __PREFIX___NOT_CONNECTED: 'An action ran while the adapter was not connected; nothing was sent.',
  __PREFIX___REFUSED: 'The server refused the connection (a wrong or missing `token`).',
  __PREFIX___NO_AGENT: '`popup` had no agent to address: the event has none and the rule set none.',
});

export type __Vendor__ErrorCode = keyof typeof __vendorCamel__Errors.codes;
