import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type { CallContextStore } from '../calls/CallContextStore.js';
import type { ActionExecutor } from '../contract/ActionExecutor.js';
import type { AdapterRuntime } from '../contract/AdapterRuntime.js';
import type { HttpClient } from '../net/HttpClient.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import type { Clock } from '../runtime/Clock.js';
import type { InstanceEvents } from '../runtime/InstanceEvents.js';
import type { RealtimeHost } from '../server/RealtimeHost.js';
import type { RouteHost } from '../server/RouteHost.js';
import type { KeyValueStore, KeyValueStoreFactory } from '../state/KeyValueStore.js';

const id = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`@switchboard/core/${name}`);

/** @deprecated Adapters get what they need from `AdapterContext`. Removed in core 2.0. */
export const CoreTokens = {
  Logger: id<Logger>('Logger'),
  Clock: id<Clock>('Clock'),
  HttpClient: id<HttpClient>('HttpClient'),
  CallContextStore: id<CallContextStore>('CallContextStore'),
  KeyValueStoreFactory: id<KeyValueStoreFactory>('KeyValueStoreFactory'),
  Diagnostics: id<Diagnostics>('Diagnostics'),
  Metrics: id<Metrics>('Metrics'),
} as const;

/**
 * @deprecated `@inject(AdapterContext) ctx: InstanceContext<Options>` replaces every one of these.
 * Removed in core 2.0. Services core binds in each instance's child container for a legacy `module`.
 */
export const InstanceTokens = {
  /** The instance name from the config (`source` of its events). */
  Name: id<string>('instance/Name'),
  /** The instance's options, validated against the adapter's options schema, defaults applied. */
  Options: id<Record<string, unknown>>('instance/Options'),
  /** A logger bound to the instance (`instance` field on every line). */
  Logger: id<Logger>('instance/Logger'),
  /** Publish events, ask for answers, report rejected input and connection state. */
  Events: id<InstanceEvents>('instance/Events'),
  /** Mount HTTP routes under `/adapters/<instance>`. */
  Routes: id<RouteHost>('instance/Routes'),
  /** socket.io namespace for browser bridges, with authentication and per-agent addressing. */
  Realtime: id<RealtimeHost>('instance/Realtime'),
  /** Folder of the daemon config: relative paths in options (CA files, scenario files) resolve from it. */
  ConfigDir: id<string>('instance/ConfigDir'),
  /** Durable key-value state of the instance. */
  State: id<KeyValueStore>('instance/State'),
} as const;

/** @deprecated The manifest's `runtime` and `executors` replace these. Removed in core 2.0. */
export const AdapterTokens = {
  Runtime: id<AdapterRuntime>('adapter/Runtime'),
  /** Multi-bound: one per action the adapter carries out. */
  ActionExecutor: id<ActionExecutor>('adapter/ActionExecutor'),
} as const;
