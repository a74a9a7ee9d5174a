import { describeError, SwitchboardError } from '@switchboard/core';

/**
 * What a failed Redis call means to the caller: `SWB_STATE_FENCED` when a fenced batch met another
 * holder's lease, `SWB_STATE_VALUE` errors as they are, anything else `SWB_STATE_UNAVAILABLE` (Redis
 * unreachable, too slow, or refusing): the write did not happen, or it is unknown whether it did.
 */
export function stateError(error: unknown, what: string): SwitchboardError {
  if (SwitchboardError.is(error)) return error;
  const message = describeError(error);
  if (message.startsWith('SWB_STATE_FENCED')) {
    return new SwitchboardError(
      'SWB_STATE_FENCED',
      `${what} was refused: ${message.slice('SWB_STATE_FENCED '.length)} (another node took over the connection)`,
      { cause: error },
    );
  }
  return new SwitchboardError('SWB_STATE_UNAVAILABLE', `${what} failed: Redis is unavailable (${message})`, {
    cause: error,
  });
}
