import type { ActionExecutor } from '../contract/ActionExecutor.js';
import { SwitchboardError } from '../errors/index.js';

/**
 * Executors by adapter instance and action name, plus core's own executors (`http`, `set`, `log`) that
 * serve every instance. An instance's own executor wins over core's (an adapter with its own `log`).
 */
export class ActionRegistry {
  readonly #byInstance = new Map<string, ReadonlyMap<string, ActionExecutor>>();
  readonly #core = new Map<string, ActionExecutor>();

  addCore(action: string, executor: ActionExecutor): void {
    this.#core.set(action, executor);
  }

  addInstance(instance: string, executors: ReadonlyMap<string, ActionExecutor>): void {
    this.#byInstance.set(instance, executors);
  }

  resolve(instance: string, action: string): ActionExecutor {
    const executor = this.#byInstance.get(instance)?.get(action) ?? this.#core.get(action);
    if (!executor) {
      throw new SwitchboardError(
        'SWB_ACTION_NO_EXECUTOR',
        `no executor for action \`${action}\` on adapter instance \`${instance}\``,
      );
    }
    return executor;
  }
}
