import type { PathKey } from './lookupPath.js';

/** A filter as written after `|`: `upper`, `default: "n/a"`. */
export interface FilterCall {
  readonly name: string;
  /** The quoted argument after `:`, unquoted. */
  readonly arg: string | undefined;
  /** Character offset of the filter name in the template. */
  readonly offset: number;
}

/** One `{{ path | filter … }}` of a template. */
export interface Placeholder {
  /** Character offset of `{{` in the template. */
  readonly offset: number;
  /** Offset just past `}}`. */
  readonly end: number;
  readonly path: readonly PathKey[];
  /** The path normalized: `vars.order`, `vars["order number"]`, `items[0]`. */
  readonly pathText: string;
  readonly filters: readonly FilterCall[];
}

/** A template split into literal text and placeholders: `literals.length === placeholders.length + 1`. */
export interface ParsedTemplate {
  readonly literals: readonly string[];
  readonly placeholders: readonly Placeholder[];
}
