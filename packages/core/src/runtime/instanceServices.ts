import type { Container, ServiceIdentifier } from 'inversify';
import type { ActionExecutor } from '../contract/ActionExecutor.js';
import type { AdapterRuntime } from '../contract/AdapterRuntime.js';
import type { AdapterDefinition, ExecutorBinding, Newable } from '../contract/defineAdapter.js';

/** A class whose instances can execute (its prototype has `execute`); an arrow factory has no prototype. */
function isExecutorClass(binding: ExecutorBinding<unknown>): binding is Newable<ActionExecutor<unknown>> {
  const prototype = (binding as { prototype?: { execute?: unknown } }).prototype;
  return typeof prototype?.execute === 'function';
}

/**
 * Binds a manifest's runtime, services and executor classes in the instance's container (each once,
 * a singleton there, so two instances of one adapter never share one) and builds the runtime and the
 * executors: the container builds what the classes `@inject`, nothing is repacked by hand.
 */
export function instanceServices(
  child: Container,
  manifest: AdapterDefinition,
): { adapter: AdapterRuntime; executors: Map<string, ActionExecutor> } {
  const bound = new Set<unknown>();
  // A class is its own service identifier; `Newable` says only that the container can build it.
  const id = <T>(type: Newable<T>): ServiceIdentifier<T> => type as unknown as ServiceIdentifier<T>;
  const bindClass = (type: Newable<unknown>): void => {
    if (bound.has(type)) return;
    bound.add(type);
    child.bind(id(type)).toSelf().inSingletonScope();
  };
  for (const service of manifest.services ?? []) bindClass(service);
  bindClass(manifest.runtime);
  if (manifest.bindings) child.load(manifest.bindings);
  const executors = new Map<string, ActionExecutor>();
  for (const [action, binding] of Object.entries(manifest.executors ?? {}) as [
    string,
    ExecutorBinding<unknown>,
  ][]) {
    if (isExecutorClass(binding)) {
      bindClass(binding);
      executors.set(action, child.get(id(binding)) as ActionExecutor);
    } else {
      executors.set(action, binding((id) => child.get(id)) as ActionExecutor);
    }
  }
  return { adapter: child.get(id(manifest.runtime)), executors };
}
