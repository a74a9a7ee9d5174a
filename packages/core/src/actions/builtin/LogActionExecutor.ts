import type { Logger } from 'pino';
import type { ActionExecutor, ActionRequest } from '../../contract/ActionExecutor.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Core's `log` action for adapters without a log of their own: writes into the daemon log. */
export class LogActionExecutor implements ActionExecutor {
  readonly action = 'log';
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  execute(request: ActionRequest): unknown {
    const { message, level = 'info' } = request.params as { message: string; level?: Level };
    this.#logger[level](
      { rule: request.rule, callId: request.event.call?.id, source: request.event.source },
      message,
    );
    return undefined;
  }
}
