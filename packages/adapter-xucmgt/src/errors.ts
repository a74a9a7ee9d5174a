import { defineErrorCodes } from '@switchboard/core';

/**
 * The adapter's error codes. A `thirdPartyOpen` that fails with one keeps it in `action.failed`
 * (`vars.failure.code`), the log line and `switchboard_action_errors_total{code}`; the POST it would
 * have answered gets `{"action":"none"}`.
 */
export const xucmgtErrors = defineErrorCodes('XU', {
  XU_URL_AND_PANE:
    '`thirdPartyOpen` was given both `url` and `pane`; it takes one of them. Nothing was opened.',
  XU_NO_PAGE: '`thirdPartyOpen` with `open` or `popup` had neither `url` nor `pane`. Nothing was opened.',
  XU_INVALID_REQUEST:
    'A recorded body given to `mapVendorEvent` (rule tests, `rules-runner replay`) is not a XucMgt web-service request.',
});

export type XucmgtErrorCode = keyof typeof xucmgtErrors.codes;
