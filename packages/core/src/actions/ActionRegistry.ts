import { SwitchboardError } from '../errors/index.js';
import type { ActionExecutor } from './ActionExecutor.js';

/**
 * Executors by adapter instance and action name, plus core's own executors (`http`, `set`, `log`) that
 * serve every instance. An instance's own executor wins over core's (b+s carries out `log` itself).
 */
export class ActionRegistry {
  readonly #byInstance = new Map<string, Map<string, ActionExecutor>>();
  readonly #core = new Map<string, ActionExecutor>();

  addCore(executor: ActionExecutor): void {
    this.#core.set(executor.action, executor);
  }

  addInstance(instance: string, executors: readonly ActionExecutor[]): void {
    const map = new Map<string, ActionExecutor>();
    for (const executor of executors) map.set(executor.action, executor);
    this.#byInstance.set(instance, map);
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
