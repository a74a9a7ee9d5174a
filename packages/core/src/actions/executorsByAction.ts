import type { ActionExecutor } from '../contract/ActionExecutor.js';

/** Executors that name their action (core's, recorders, legacy ones), by that name. */
export function byAction(executors: readonly ActionExecutor[]): Map<string, ActionExecutor> {
  const map = new Map<string, ActionExecutor>();
  for (const executor of executors) if (executor.action !== undefined) map.set(executor.action, executor);
  return map;
}
