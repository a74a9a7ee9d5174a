/**
 * @switchboard/core: what an adapter author needs. The contract (`src/contract/`), the event model, the
 * kit's hosts (connections, bridges, JSON routes), errors and small utilities. The runner's side (the
 * runtime, loaders, rules) is `@switchboard/core/host`; test helpers are `@switchboard/core/testing`.
 * inversify is re-exported so every package uses one instance of it.
 */
import 'reflect-metadata';

export { ContainerModule, inject, injectable, optional } from 'inversify';
export type { Logger } from 'pino';
export { coreActionSpecs } from '../actions/builtin/coreActionSpecs.js';
export type {
  ActionContext,
  ActionExecutor,
  ActionOutcome,
  ActionRequest,
  ActionStatus,
} from '../contract/ActionExecutor.js';
export type {
  ActionDelivery,
  ActionSpec,
  ActionSpecs,
  DeliveryMode,
  DeploymentContext,
  EmitsSpec,
  JsonSchema,
  MappingContext,
} from '../contract/ActionSpec.js';
export type { AdapterEvents } from '../contract/AdapterEvents.js';
export type { AdapterRuntime, AdapterState, AdapterStatus } from '../contract/AdapterRuntime.js';
export type {
  BridgeConnection,
  BridgeHandshake,
  BridgeHost,
  BridgeIdentity,
  BridgeRef,
  BridgeRefusal,
  BridgeService,
  BridgeSpec,
} from '../contract/Bridge.js';
export type {
  ClientSession,
  ConnectAttempt,
  ConnectionHost,
  ConnectionSpec,
  ConnectionState,
  LeaseView,
  RunningConnection,
  SessionEnd,
} from '../contract/ClientConnection.js';
export { ConnectionError, type ConnectionErrorKind } from '../contract/ConnectionError.js';
export {
  type AdapterDefinition,
  type AdapterManifest,
  defineAdapter,
  type ExecutorBinding,
  type ManifestBase,
  type Newable,
  type Resolve,
} from '../contract/defineAdapter.js';
export type {
  HttpHost,
  JsonReply,
  JsonRequest,
  JsonRouteSpec,
  Refusal,
  RefusalReason,
} from '../contract/HttpHost.js';
export { AdapterContext, type InstanceContext } from '../contract/InstanceContext.js';
export type {
  StateBatchResult,
  StateOp,
  StateStore,
  StateWriteOptions,
} from '../contract/StateStore.js';
export type { ContextOf, FromJsonSchema, OptionsOf, ParamsOf } from '../contract/schemaTypes.js';
export { serviceId } from '../contract/serviceId.js';
export type { Acceptance, DispatchReport, DispatchStatus, ResumeWrite } from '../engine/Dispatcher.js';
export type { RequestOutcome } from '../engine/PendingAnswer.js';
export {
  type CoreErrorCode,
  defineErrorCodes,
  describeError,
  type ErrorCatalog,
  type ErrorCode,
  SwitchboardError,
  type SwitchboardErrorOptions,
} from '../errors/index.js';
export { agentSchema, callSchema } from '../events/eventSchema.js';
export {
  type AgentInfo,
  type CallDirection,
  type CallInfo,
  type EventInput,
  type NormalizedEvent,
  type NormalizedEventType,
  normalizedEventTypes,
  type Vars,
} from '../events/NormalizedEvent.js';
export { assertValidEvent } from '../events/validateEvent.js';
export { type BackoffOptions, sleep } from '../net/Backoff.js';
export { HttpClient, type HttpRequest, type HttpResponse, type IdempotencyKey } from '../net/HttpClient.js';
export { type OriginCheck, type OriginList, OriginPolicy } from '../origins/OriginPolicy.js';
export { originListSchema } from '../origins/originListSchema.js';
export { coreEmittedTypes } from '../rules/RuleCatalog.js';
export type { Clock } from '../runtime/Clock.js';
export { createAjv } from '../schemas/createAjv.js';
export { describeAjvErrors } from '../schemas/describeAjvErrors.js';
export {
  RepeatAnswers,
  type RepeatAnswersOptions,
  type RepeatOutcome,
} from '../state/RepeatAnswers.js';
export { escapeHtml } from '../templates/escapeHtml.js';
export { isRecord } from '../util/isRecord.js';
export { defaultMaxJsonDepth, jsonTextTooDeep, valueTooDeep } from '../util/jsonDepth.js';
export { sameSecret } from '../util/sameSecret.js';
export { type JsonPath, SourceDocument } from '../yaml/SourceDocument.js';
export { schemaProblems } from '../yaml/schemaProblems.js';
