import type { ContainerModule } from 'inversify';
import type { EventInput, NormalizedEventType } from '../events/NormalizedEvent.js';

/** A JSON Schema object (draft-07). Switchboard adds `x-secret` and `x-template` annotations. */
export type JsonSchema = Record<string, unknown>;

export interface ActionSpec {
  readonly description: string;
  /**
   * JSON Schema of the action's parameters. Strings marked `x-template: url` are encoded per URL part,
   * `x-template: html` are HTML-escaped. A `default` may itself be a template (`"{{ call.peer }}"`).
   */
  readonly params: JsonSchema;
  /** The action answers an event that waits for an answer (XucMgt's web-service POST). */
  readonly answers?: boolean;
}

export interface EmitsSpec {
  /** Normalized event types the adapter emits. */
  readonly events: readonly NormalizedEventType[];
  /** Vendor event names usable as `on: <adapter>.<name>`, with what each means. */
  readonly vendorEvents?: Readonly<Record<string, string>>;
  /** The vendor may send event names not listed above; they pass through as `vendor.event`. */
  readonly anyVendorEvent?: boolean;
}

/** What a vendor mapper needs besides the payload. */
export interface MappingContext {
  /** The adapter instance name the payload arrived on. */
  readonly source: string;
  /** Now, as the runtime's clock sees it. */
  readonly now: Date;
  /** The instance's options (validated, defaults applied), for mappings that depend on them. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Where the daemon serves an instance, for `AdapterManifest.deploymentWarnings`. */
export interface DeploymentContext {
  /** The instance name. */
  readonly instance: string;
  /** `server.host`: the address the daemon's HTTP surface (adapter routes, bridges) binds. */
  readonly serverHost: string;
  /**
   * True when others than this machine can reach the HTTP surface: `server.host` is not a loopback
   * address, or `server.publicUrl` names another host (a proxy forwards to it).
   */
  readonly serverExposed: boolean;
}

/**
 * The manifest an adapter package exports (as `default` or `adapter`). The runner checks it before
 * starting anything: name, core version range, schemas.
 */
export interface AdapterManifest {
  /** Short name, used in `on: <name>.<vendorEvent>`: `xcally`, `8x8`, `bs-connects`, `xucmgt`. */
  readonly name: string;
  /** The npm package name, for messages. */
  readonly packageName: string;
  readonly version: string;
  /** Semver range of `@switchboard/core` versions the adapter works with, e.g. `^1.0.0`. */
  readonly core: string;
  readonly description: string;
  /** JSON Schema of the instance options; mark secrets with `x-secret: true`. */
  readonly optionsSchema: JsonSchema;
  readonly emits: EmitsSpec;
  /** Actions the adapter can carry out, by name. */
  readonly actions: Readonly<Record<string, ActionSpec>>;
  /**
   * Bindings for one adapter instance. Core loads it into a child container per instance, in which
   * `InstanceTokens` are bound; the module must bind `AdapterTokens.Runtime` and may multi-bind
   * `AdapterTokens.ActionExecutor`.
   */
  readonly module: ContainerModule;
  /**
   * Pure vendor payload → normalized events mapping, used by `rules-runner replay` and rule tests to
   * accept recorded vendor payloads. Returns an empty array for payloads that carry no event.
   */
  readonly mapVendorEvent?: (payload: unknown, context: MappingContext) => readonly EventInput[];
  /**
   * Options that are valid but unsafe where the daemon serves the instance (a web service reachable
   * from the network without a secret): one sentence each. `options` passed `optionsSchema`, defaults
   * applied. `validate` and `start` print the sentences as warnings; they never stop the daemon.
   */
  readonly deploymentWarnings?: (options: unknown, context: DeploymentContext) => readonly string[];
}
