import type { ActionContext, ActionRequest } from '@switchboard/core';
import type { BridgeRequestOptions } from '../transport/BridgeRequester.js';

/**
 * How an action's request goes to the bridge: with the action's idempotency key when the action is
 * delivered `once-keyed` (the bridge answers a repeat with the first answer), waiting for the agent's
 * bridge when the event is run again after a restart, and cut short by the action's signal.
 */
export function bridgeRequestOptions(
  request: ActionRequest<unknown>,
  context: ActionContext,
  keyed: boolean,
): BridgeRequestOptions {
  return {
    ...(keyed && request.idempotencyKey !== undefined ? { key: request.idempotencyKey } : {}),
    ...(request.recovered ? { recovered: true } : {}),
    signal: context.signal,
  };
}
