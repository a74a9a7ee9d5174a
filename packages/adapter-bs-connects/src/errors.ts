import { defineErrorCodes } from '@switchboard/core';

/**
 * The adapter's error codes. An action that fails with one keeps it in `action.failed`
 * (`vars.failure.code`), the log line and `switchboard_action_errors_total{code}`.
 */
export const bsConnectsErrors = defineErrorCodes('BS', {
  BS_NO_AGENT: 'An action had no agent to carry it out: the event has none and the rule set no `agent`.',
  BS_NO_BRIDGE:
    'The agent has no connected bridge: the Switchboard web resource is not loaded in their b+s Connects.',
  BS_BRIDGE_TIMEOUT:
    "The agent's bridge did not answer a request within `requestTimeoutMs`, or went away before it answered.",
  BS_BAD_REPLY:
    "The bridge's answer was malformed or nested too deep (also counted as malformed-bridge-message).",
  BS_REQUEST_REFUSED:
    'b+s Connects answered the request with `success: false` (its reason is in the message).',
  BS_UNKNOWN_REASON_CODE:
    "`setAgentState`'s reason code is not in the agent's `getReasonCodeList` (the message lists the known ones).",
  BS_SHOWINFO_TOO_LONG:
    'An `info`/`success` notification is longer than the 60 characters b+s `showInfo` shows; nothing was sent.',
  BS_DIAL_NOT_CHOSEN:
    "A rule's `dial` for a beforeDial was not placed: another rule's number was chosen, or no rule dialed in time and the tab dialed the original number.",
  BS_DIAL_UNREPORTED:
    "The agent's tab did not report whether it dialed the rule's number (an old bridge web resource: regenerate it).",
  BS_DIAL_FAILED:
    "b+s Connects did not dial the rule's number; the tab dialed the original number, if any, instead.",
});

export type BsConnectsErrorCode = keyof typeof bsConnectsErrors.codes;
