import type { Container } from 'inversify';
import type { ActionExecutor } from '../contract/ActionExecutor.js';
import type { AdapterRuntime } from '../contract/AdapterRuntime.js';
import type { LegacyAdapterDefinition } from '../contract/defineAdapter.js';
import type { InstanceContext } from '../contract/InstanceContext.js';
import { AdapterTokens, InstanceTokens } from '../di/tokens.js';
import type { RealtimeHost } from '../server/RealtimeHost.js';
import { legacyInstanceEvents } from './InstanceEvents.js';

/**
 * @deprecated Builds an instance of a manifest with an inversify `module` (core 1.0): its tokens are
 * views of the instance's context. Removed with `module` in core 2.0.
 */
export function legacyModuleServices(
  child: Container,
  manifest: LegacyAdapterDefinition,
  ctx: InstanceContext,
  realtime: () => RealtimeHost,
): { adapter: AdapterRuntime; executors: ActionExecutor[] } {
  child.bind(InstanceTokens.Name).toConstantValue(ctx.instance);
  child.bind(InstanceTokens.Options).toConstantValue(ctx.options as Record<string, unknown>);
  child.bind(InstanceTokens.Logger).toConstantValue(ctx.logger);
  child.bind(InstanceTokens.Events).toConstantValue(legacyInstanceEvents(ctx.events));
  // Taking the routes or the namespace is what marks the instance as one that serves HTTP.
  child.bind(InstanceTokens.Routes).toDynamicValue(() => {
    const http = ctx.http;
    return {
      prefix: http.prefix,
      url: (path) => http.url(path),
      register: (plugin) => http.register(plugin),
    };
  });
  child.bind(InstanceTokens.Realtime).toDynamicValue(() => {
    void ctx.bridges;
    return realtime();
  });
  child.bind(InstanceTokens.State).toDynamicValue(() => ctx.state);
  child.bind(InstanceTokens.ConfigDir).toConstantValue(ctx.configDir);
  child.load(manifest.module);
  const adapter = child.get(AdapterTokens.Runtime);
  const executors = child.isBound(AdapterTokens.ActionExecutor)
    ? child.getAll(AdapterTokens.ActionExecutor)
    : [];
  return { adapter, executors };
}
