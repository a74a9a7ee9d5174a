/** A constant, written as is (`Sales`, `call.offered`, `42`). */
export type Scalar = string | number | boolean;

/**
 * Where one value of the event comes from:
 * - a string starting with `$`: a path into the body (`$.call.uuid`);
 * - any other scalar: a constant;
 * - `{ from, map?, default? }`: a path, its value translated through `map`, `default` when missing;
 * - `{ value }`: a constant, also one that starts with `$`.
 */
export type FieldSpec =
  | Scalar
  | { readonly from: string; readonly map?: Readonly<Record<string, Scalar>>; readonly default?: Scalar }
  | { readonly value: Scalar };

/** The declarative body → event mapping of one instance. */
export interface MappingOptions {
  /** The normalized type: a constant, a path, or a path with a value map. */
  readonly type: FieldSpec;
  /** Path of the body's own event id; without it (or when missing) the id is a hash of the body. */
  readonly id?: string;
  /** Path of the event time: an ISO 8601 string or epoch milliseconds; default: when it arrived. */
  readonly time?: string;
  /** `call` fields; a call is attached only when `call.id` resolves. */
  readonly call?: Readonly<Record<string, FieldSpec>>;
  /** `agent` fields; an agent is attached only when `agent.id` resolves. */
  readonly agent?: Readonly<Record<string, FieldSpec>>;
  /** Named vars, each from a field spec. */
  readonly vars?: Readonly<Record<string, FieldSpec>>;
  /** Path of an object whose fields all become vars. */
  readonly varsFrom?: string;
  /** Top-level body fields no path of the mapping reads go into vars (default true). */
  readonly rest?: boolean;
}
