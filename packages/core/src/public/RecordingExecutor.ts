import type { ActionContext, ActionExecutor, ActionRequest } from '../contract/ActionExecutor.js';
import type { InstanceConfig } from '../runtime/Runtime.js';

export interface RecordedAction {
  readonly action: string;
  readonly instance: string;
  readonly rule: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly eventId: string;
}

/**
 * Stands in for an adapter's executor: records each request and returns a canned result (for `save:`).
 * An answering action (`answers: true` in its spec) answers with its params, like the real one.
 */
export class RecordingExecutor implements ActionExecutor {
  readonly action: string;
  readonly #log: RecordedAction[];
  readonly #reply: (request: ActionRequest) => unknown;
  readonly #answers: boolean;

  constructor(
    action: string,
    log: RecordedAction[],
    options: { reply?: (request: ActionRequest) => unknown; answers?: boolean } = {},
  ) {
    this.action = action;
    this.#log = log;
    this.#reply = options.reply ?? (() => undefined);
    this.#answers = options.answers ?? false;
  }

  execute(request: ActionRequest, context: ActionContext): unknown {
    this.#log.push({
      action: request.action,
      instance: request.instance,
      rule: request.rule,
      params: request.params,
      eventId: request.event.id,
    });
    if (this.#answers) context.answer(request.params);
    return this.#reply(request);
  }
}

/** Recorders for every action an instance's adapter declares, all writing into one log. */
export function recordersFor(
  instance: Pick<InstanceConfig, 'manifest'>,
  log: RecordedAction[],
  reply?: (request: ActionRequest) => unknown,
): RecordingExecutor[] {
  return Object.entries(instance.manifest.actions).map(
    ([name, spec]) =>
      new RecordingExecutor(name, log, { answers: spec.answers === true, ...(reply ? { reply } : {}) }),
  );
}
