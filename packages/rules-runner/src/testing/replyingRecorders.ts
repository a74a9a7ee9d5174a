import { type ActionExecutor, type ActionRequest, SwitchboardError } from '@switchboard/core';
import { type InstanceConfig } from '@switchboard/core/host';
import { type RecordedAction, RecordingExecutor } from '@switchboard/core/testing';
import { containsSubset } from './matchActions.js';

export interface CannedReply {
  readonly action: string;
  readonly when?: Record<string, unknown>;
  readonly result?: unknown;
  readonly fail?: string;
}

function replier(replies: readonly CannedReply[]) {
  return (request: ActionRequest): unknown => {
    const reply = replies.find(
      (r) => r.action === request.action && (!r.when || containsSubset(request.params, r.when)),
    );
    if (reply?.fail !== undefined) throw new SwitchboardError('SWB_ACTION_FAILED', reply.fail);
    return reply?.result;
  };
}

/** Recorders standing in for every adapter action, answering with the test's canned replies. */
export function instanceRecorders(
  instance: InstanceConfig,
  log: RecordedAction[],
  replies: readonly CannedReply[],
): ActionExecutor[] {
  return Object.entries(instance.manifest.actions).map(
    ([name, spec]) =>
      new RecordingExecutor(name, log, { answers: spec.answers === true, reply: replier(replies) }),
  );
}

/** Recorders for core's `http` and `log` (no real calls in rule tests); `set` stays real. */
export function coreRecorders(log: RecordedAction[], replies: readonly CannedReply[]): ActionExecutor[] {
  return ['http', 'log'].map((name) => new RecordingExecutor(name, log, { reply: replier(replies) }));
}
