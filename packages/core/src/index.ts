/**
 * @switchboard/core: the public API. Adapters and the rules-runner import only from here (and from
 * `@switchboard/core/testing`). inversify is re-exported so every package uses one instance of it.
 */
import 'reflect-metadata';

export {
  ContainerModule,
  type ContainerModuleLoadOptions,
  inject,
  injectable,
  multiInject,
  optional,
} from 'inversify';
export type { Logger } from 'pino';
export type {
  ActionContext,
  ActionExecutor,
  ActionOutcome,
  ActionRequest,
  ActionStatus,
} from './actions/ActionExecutor.js';
export { ActionRegistry } from './actions/ActionRegistry.js';
export { coreActionSpecs } from './actions/builtin/coreActionSpecs.js';
export {
  type CallContextOptions,
  CallContextStore,
  defaultCallContextOptions,
} from './calls/CallContextStore.js';
export { AdapterTokens, CoreTokens, InstanceTokens } from './di/tokens.js';
export { Dispatcher, type DispatchReport, type DispatchStatus } from './engine/Dispatcher.js';
export type { RequestOutcome } from './engine/PendingAnswer.js';
export {
  describeError,
  type ErrorCode,
  errorCodes,
  formatPosition,
  type SourcePosition,
  SwitchboardError,
} from './errors/index.js';
export { checkFieldPath, knownFieldPaths } from './events/checkFieldPath.js';
export { type DeduplicationOptions, DeduplicationWindow } from './events/DeduplicationWindow.js';
export { type EventFieldSchema, eventFieldSchema, eventFieldSchemas } from './events/eventFields.js';
export { agentSchema, callSchema, eventSchema } from './events/eventSchema.js';
export {
  type AgentInfo,
  type CallDirection,
  type CallInfo,
  callEndingTypes,
  type EventInput,
  type NormalizedEvent,
  type NormalizedEventType,
  normalizedEventTypes,
  type Vars,
} from './events/NormalizedEvent.js';
export { assertValidEvent, type EventProblem, eventProblems } from './events/validateEvent.js';
export { Backoff, type BackoffOptions, defaultBackoff, sleep } from './net/Backoff.js';
export {
  HttpClient,
  type HttpRequest,
  type HttpResponse,
  type IdempotencyKey,
  redactUrl,
} from './net/HttpClient.js';
export {
  type Diagnostic,
  type DiagnosticKind,
  type DiagnosticListener,
  Diagnostics,
} from './observe/Diagnostics.js';
export { Metrics } from './observe/Metrics.js';
export type {
  ActionSpec,
  AdapterManifest,
  DeploymentContext,
  EmitsSpec,
  JsonSchema,
  MappingContext,
} from './plugin/AdapterManifest.js';
export {
  type AdapterRuntime,
  type AdapterState,
  type AdapterStatus,
  isUpState,
} from './plugin/AdapterRuntime.js';
export { defineAdapter } from './plugin/defineAdapter.js';
export { validateManifest } from './plugin/validateManifest.js';
export {
  checkOptions,
  type OptionsCheck,
  secretOptionPaths,
  validateOptions,
} from './plugin/validateOptions.js';
export type { ActionVariant, CompiledAction, CompiledRule } from './rules/CompiledRule.js';
export { type ExplainNode, explainCondition } from './rules/conditions/index.js';
export {
  compileRuleSources,
  type LoadedRules,
  type LoadRulesOptions,
  loadRuleFiles,
  type RuleSource,
} from './rules/loadRules.js';
export {
  type CatalogInstance,
  type CatalogOptions,
  coreEmittedTypes,
  type EventNameResolution,
  RuleCatalog,
} from './rules/RuleCatalog.js';
export { type RuleExplanation, RuleSet } from './rules/RuleSet.js';
export { buildRuleFileSchema, ruleFileSchema } from './rules/ruleFileSchema.js';
export { closestName, didYouMean } from './rules/suggest.js';
export { type Clock, ManualClock, systemClock } from './runtime/Clock.js';
export type { InstanceEvents } from './runtime/InstanceEvents.js';
export {
  defaultAdapterTimeouts,
  type InstanceConfig,
  Runtime,
  type RuntimeOptions,
} from './runtime/Runtime.js';
export { type Settled, settleWithin } from './runtime/settleWithin.js';
export { createAjv } from './schemas/createAjv.js';
export { describeAjvError, describeAjvErrors } from './schemas/describeAjvErrors.js';
export { describeSchemaError } from './schemas/describeSchemaError.js';
export { HttpSurface, type HttpSurfaceOptions } from './server/HttpSurface.js';
export { hostListenErrors, listenFailure } from './server/listenFailure.js';
export type { BridgeIdentity, RealtimeHost, RealtimeNamespaceOptions } from './server/RealtimeHost.js';
export type { RouteHost } from './server/RouteHost.js';
export {
  FileKeyValueStore,
  FileKeyValueStoreFactory,
  MemoryKeyValueStoreFactory,
} from './state/FileKeyValueStore.js';
export type { KeyValueStore, KeyValueStoreFactory } from './state/KeyValueStore.js';
export { type CompiledTemplate, compileTemplate, type TemplateEncoding } from './templates/index.js';
export { defaultMaxJsonDepth, jsonTextTooDeep, valueTooDeep } from './util/jsonDepth.js';
export { coreVersion } from './version.js';
export { interpolateEnv } from './yaml/interpolateEnv.js';
export { type JsonPath, SourceDocument } from './yaml/SourceDocument.js';
export { pointerToPath, schemaProblems } from './yaml/schemaProblems.js';
