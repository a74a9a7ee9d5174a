/**
 * @switchboard/core. What an adapter author needs is in `public/index.ts`; the runner's side is
 * `@switchboard/core/host`. The names below the author API are kept in 1.x for adapters and tools not yet
 * moved to the kit; they are removed in core 2.0.
 */

// Replaced by the kit: `AdapterContext` + the manifest's `runtime`/`executors`/`services` for the tokens,
// `ctx.bridges` for `RealtimeHost`, `ctx.http` for `RouteHost`, `StateStore` for `KeyValueStore`,
// `AdapterEvents` for `InstanceEvents`.
export { type ContainerModuleLoadOptions, multiInject } from 'inversify';
export { ActionRegistry } from './actions/ActionRegistry.js';
export {
  type CallContextOptions,
  CallContextStore,
  defaultCallContextOptions,
} from './calls/CallContextStore.js';
export type { LegacyAdapterDefinition } from './contract/defineAdapter.js';
export { AdapterTokens, CoreTokens, InstanceTokens } from './di/tokens.js';
export { Dispatcher } from './engine/Dispatcher.js';
export { type DeduplicationOptions, DeduplicationWindow } from './events/DeduplicationWindow.js';
export { callEndingTypes } from './events/NormalizedEvent.js';
export { Backoff, defaultBackoff } from './net/Backoff.js';
// ---- Deprecated in 1.x, removed in 2.0 ----------------------------------------------------------------
// Host names: import them from `@switchboard/core/host` (adapter tests may; adapter `src/` must not).
export * from './public/host.js';
export * from './public/index.js';
export type { ActionVariant, CompiledAction, CompiledRule } from './rules/CompiledRule.js';
export type { InstanceEvents } from './runtime/InstanceEvents.js';
export { describeAjvError } from './schemas/describeAjvErrors.js';
export type {
  BridgeIdentity as LegacyBridgeIdentity,
  RealtimeHost,
  RealtimeNamespaceOptions,
} from './server/RealtimeHost.js';
export type { RouteHost } from './server/RouteHost.js';
export { FileKeyValueStore } from './state/FileKeyValueStore.js';
export type { KeyValueStore } from './state/KeyValueStore.js';
export { type CompiledTemplate, compileTemplate, type TemplateEncoding } from './templates/index.js';
