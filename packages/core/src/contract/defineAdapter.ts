import type { ContainerModule, ServiceIdentifier } from 'inversify';
import type { ErrorCatalog } from '../errors/defineErrorCodes.js';
import type { EventInput } from '../events/NormalizedEvent.js';
import type { ActionExecutor } from './ActionExecutor.js';
import type { ActionSpecs, DeploymentContext, EmitsSpec, JsonSchema, MappingContext } from './ActionSpec.js';
import type { AdapterRuntime } from './AdapterRuntime.js';
import type { OptionsOf, ParamsOf } from './schemaTypes.js';

/** A class the instance container can build (its constructor parameters carry `@inject`). */
export type Newable<T> = new (...args: never[]) => T;

/** Gets a service of the instance container. */
export type Resolve = <T>(id: ServiceIdentifier<T>) => T;

/** An action's executor: a class built by the instance container, or a factory given the container. */
export type ExecutorBinding<P> = Newable<ActionExecutor<P>> | ((resolve: Resolve) => ActionExecutor<P>);

/** What every manifest says about the adapter, whichever way it binds its services. */
export interface ManifestBase<O extends JsonSchema = JsonSchema, A extends ActionSpecs = ActionSpecs> {
  /** Short name, used in `on: <name>.<vendorEvent>`: lower-case letters, digits and -. */
  readonly name: string;
  /** The npm package name, for messages. */
  readonly packageName: string;
  readonly version: string;
  /** Semver range of `@switchboard/core` versions the adapter works with, e.g. `^1.0.0`. */
  readonly core: string;
  readonly description: string;
  /** JSON Schema of the instance options, `as const`; mark secrets with `x-secret: true`. */
  readonly optionsSchema: O;
  readonly emits: EmitsSpec;
  /** Actions the adapter carries out, by name, `as const`. */
  readonly actions: A;
  /** The adapter's error codes (`defineErrorCodes('XC', …)`): they reach outcomes, logs and metrics. */
  readonly errors?: ErrorCatalog<string>;
  /**
   * Pure vendor payload → normalized events, used by `rules-runner replay` and rule tests to accept
   * recorded vendor payloads. Returns an empty array for payloads that carry no event.
   */
  mapVendorEvent?(payload: unknown, context: MappingContext<OptionsOf<O>>): readonly EventInput[];
  /**
   * Options that are valid but unsafe where the daemon serves the instance (a web service reachable
   * from the network without a secret): one sentence each. `validate` and `start` print them as warnings.
   */
  deploymentWarnings?(options: OptionsOf<O>, context: DeploymentContext): readonly string[];
}

/**
 * An adapter as `defineAdapter` takes it: the manifest, the instance's runtime class, one executor per
 * action (a missing or mistyped one is a compile error) and the service classes built per instance.
 */
export interface AdapterDefinition<O extends JsonSchema = JsonSchema, A extends ActionSpecs = ActionSpecs>
  extends ManifestBase<O, A> {
  /** Built once per instance (constructor `@inject(AdapterContext)`, services, …). */
  readonly runtime: Newable<AdapterRuntime>;
  /** One per action, keyed by the action's name, typed by its params schema. */
  readonly executors: { readonly [K in keyof A]: ExecutorBinding<ParamsOf<A[K]>> };
  /** Classes bound once per instance (`toSelf().inSingletonScope()` in the instance's container). */
  readonly services?: readonly Newable<unknown>[];
  /** Rare: bindings the lists above cannot say (an interface bound to a class, a factory). */
  readonly bindings?: ContainerModule;
}

/**
 * @deprecated A manifest that binds its services through an inversify `module` (`AdapterTokens.Runtime`,
 * `AdapterTokens.ActionExecutor`, `InstanceTokens.*`). Use `runtime`, `executors` and `services`; core
 * 2.0 drops `module`.
 */
export interface LegacyAdapterDefinition extends ManifestBase {
  readonly module: ContainerModule;
}

/** The manifest an adapter package exports (default export or `adapter`), checked before anything starts. */
export type AdapterManifest<O extends JsonSchema = JsonSchema, A extends ActionSpecs = ActionSpecs> =
  | AdapterDefinition<O, A>
  | LegacyAdapterDefinition;

/** The definition shape (`runtime`, `executors`), not the legacy `module`. */
export function isModuleManifest(manifest: AdapterManifest): manifest is LegacyAdapterDefinition {
  return 'module' in manifest && manifest.module !== undefined;
}

/**
 * Types an adapter: options and action params are inferred from the `as const` schemas, each action must
 * have an executor taking its params. `validateManifest` checks the same at load time.
 */
export function defineAdapter<const O extends JsonSchema, const A extends ActionSpecs>(
  definition: AdapterDefinition<O, A> & { readonly executors: NoInfer<AdapterDefinition<O, A>['executors']> },
): AdapterDefinition<O, A>;
/** @deprecated A manifest with an inversify `module`; see `LegacyAdapterDefinition`. */
export function defineAdapter<const M extends LegacyAdapterDefinition>(manifest: M): M;
export function defineAdapter(manifest: object): object {
  return Object.freeze(manifest);
}
