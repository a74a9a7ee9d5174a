import type { EventInput, NormalizedEventType } from '../events/NormalizedEvent.js';

/**
 * A JSON Schema object (draft-07), written `as const` so its types can be inferred (`OptionsOf`,
 * `ParamsOf`). Switchboard adds `x-secret` and `x-template` annotations. Loose on purpose: a precise
 * schema type as a constraint makes the compiler explore every schema shape (minutes, then TS2589).
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface ActionSpec {
  readonly description: string;
  /**
   * JSON Schema of the action's parameters. Strings marked `x-template: url` are encoded per URL part,
   * `x-template: html` are HTML-escaped. A `default` may itself be a template (`"{{ call.peer }}"`).
   */
  readonly params: JsonSchema;
  /** The action answers an event that waits for an answer (a web service waiting for the rules' reply). */
  readonly answers?: boolean;
}

/** An adapter's actions by name, written `as const satisfies ActionSpecs`. */
export type ActionSpecs = Readonly<Record<string, ActionSpec>>;

export interface EmitsSpec {
  /** Normalized event types the adapter emits. */
  readonly events: readonly NormalizedEventType[];
  /** Vendor event names usable as `on: <adapter>.<name>`, with what each means. */
  readonly vendorEvents?: Readonly<Record<string, string>>;
  /** The vendor may send event names not listed above; they pass through as `vendor.event`. */
  readonly anyVendorEvent?: boolean;
}

/** What a vendor mapper needs besides the payload. */
export interface MappingContext<O = Readonly<Record<string, unknown>>> {
  /** The adapter instance name the payload arrived on. */
  readonly source: string;
  /** Now, as the runtime's clock sees it. */
  readonly now: Date;
  /** The instance's options (validated, defaults applied), for mappings that depend on them. */
  readonly options?: O;
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

/** The pure vendor mapping of a manifest (see `AdapterDefinition.mapVendorEvent`). */
export type VendorEventMapper = (payload: unknown, context: MappingContext) => readonly EventInput[];
