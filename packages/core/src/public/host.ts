/**
 * @switchboard/core/host: what runs adapters: the runtime, the HTTP surface, manifest and option
 * checks, rule loading, diagnostics and metrics. The rules-runner imports it; adapters' `src/` never do.
 */
import 'reflect-metadata';

export type { ConnectionView } from '../connections/ConnectionHostImpl.js';
export type { LeaseRole, LeaseStatus } from '../connections/ConnectionLoop.js';
export { type Lease, type LeaseManager, LocalLeaseManager } from '../connections/LeaseManager.js';
export { defaultWarmWindowMs } from '../connections/WarmBuffer.js';
export { isReadyState, isUpState } from '../contract/AdapterRuntime.js';
export { isModuleManifest } from '../contract/defineAdapter.js';
export {
  codeOf,
  coreErrors,
  errorCodes,
  formatPosition,
  type SourcePosition,
} from '../errors/index.js';
export { checkFieldPath, knownFieldPaths } from '../events/checkFieldPath.js';
export { type EventFieldSchema, eventFieldSchema, eventFieldSchemas } from '../events/eventFields.js';
export { eventSchema } from '../events/eventSchema.js';
export { assertValidEvent, type EventProblem, eventProblems } from '../events/validateEvent.js';
export { redactUrl } from '../net/HttpClient.js';
export {
  type Diagnostic,
  type DiagnosticKind,
  type DiagnosticListener,
  Diagnostics,
  type LeaseDiagnostic,
} from '../observe/Diagnostics.js';
export { HealthSignal } from '../observe/HealthSignal.js';
export { Metrics } from '../observe/Metrics.js';
export { validateManifest } from '../plugin/validateManifest.js';
export {
  checkOptions,
  type OptionsCheck,
  secretOptionPaths,
  validateOptions,
} from '../plugin/validateOptions.js';
export { type ExplainNode, explainCondition } from '../rules/conditions/index.js';
export {
  compileRuleSources,
  type LoadedRules,
  type LoadRulesOptions,
  loadRuleFiles,
  type RuleSource,
} from '../rules/loadRules.js';
export {
  type CatalogInstance,
  type CatalogOptions,
  coreEmittedTypes,
  type EventNameResolution,
  RuleCatalog,
} from '../rules/RuleCatalog.js';
export { type RuleExplanation, RuleSet } from '../rules/RuleSet.js';
export { buildRuleFileSchema, ruleFileSchema } from '../rules/ruleFileSchema.js';
export { closestName, didYouMean } from '../rules/suggest.js';
export { ManualClock, systemClock } from '../runtime/Clock.js';
export {
  defaultAdapterTimeouts,
  type InstanceConfig,
  Runtime,
  type RuntimeOptions,
} from '../runtime/Runtime.js';
export { type Settled, settleWithin } from '../runtime/settleWithin.js';
export { describeSchemaError } from '../schemas/describeSchemaError.js';
export {
  HttpSurface,
  type HttpSurfaceOptions,
  type RealtimeAdapterFactory,
} from '../server/HttpSurface.js';
export { hostListenErrors, listenFailure } from '../server/listenFailure.js';
export { applyStateOp, type StateOpTarget } from '../state/applyStateOp.js';
export { assertStorable } from '../state/assertStorable.js';
export { FileKeyValueStoreFactory, MemoryKeyValueStoreFactory } from '../state/FileKeyValueStore.js';
export type { KeyValueStoreFactory } from '../state/KeyValueStore.js';
export { MemoryStateBackend, MemoryStateStore } from '../state/MemoryStateBackend.js';
export { adapterKeyPrefix, prefixedStore } from '../state/prefixedStore.js';
export {
  callsNamespace,
  coreNamespace,
  type StateBackend,
  type StateHealth,
  type StateOpening,
} from '../state/StateBackend.js';
export { expiryOf, liveValue, mergedFields, type StoredValue } from '../state/storedValue.js';
export { coreVersion } from '../version.js';
export { interpolateEnv } from '../yaml/interpolateEnv.js';
export { pointerToPath } from '../yaml/schemaProblems.js';
