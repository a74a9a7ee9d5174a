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
  /**
   * What the action may do when an event is run again (a restart re-runs the events whose actions had not
   * settled, a vendor recovers a call with a new event): see `ActionDelivery`. Default: `answer` for an
   * action that `answers`, else `{ mode: 'once', per: 'event' }`.
   */
  readonly delivery?: ActionDelivery | DeliveryMode;
}

/**
 * - `once`: at most once per scope and target, never silently lost: a marker is written (durably) before
 *   the action is sent and marked done when the executor resolves (the transport confirmed it). Found done
 *   → skipped; started by a daemon that then crashed → not sent again, reported as `action.failed`
 *   `SWB_ACTION_UNCONFIRMED`. Screen pops, dials.
 * - `once-keyed`: as `once`, but an unconfirmed one is sent again with the same `idempotencyKey`: for
 *   receivers that drop a repeated key.
 * - `repeatable`: run again whenever its event is run again (an `http` call with an idempotency key, `set`).
 * - `answer`: answers an event that waits; never re-run (the asker is gone after a restart).
 */
export type DeliveryMode = 'once' | 'once-keyed' | 'repeatable' | 'answer';

export interface ActionDelivery {
  readonly mode: DeliveryMode;
  /**
   * The scope of `once`: `call` = once per call (rule, action position, target), so a vendor's call
   * recovery after a restart (a new event for the same call) does not pop again; `event` (default) = once
   * per event. Events without a call use `event`.
   */
  readonly per?: 'call' | 'event';
  /** The rendered param naming who receives it (`agent`, `peer`): once per target. Default: none. */
  readonly target?: string;
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
