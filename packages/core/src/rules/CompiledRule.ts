import type { ValidateFunction } from 'ajv';
import type { SourcePosition } from '../errors/index.js';
import type { CompiledParams } from '../templates/index.js';

/** An action's params as one adapter's spec reads them (defaults and encodings differ per adapter). */
export interface ActionVariant {
  readonly params: CompiledParams;
  /** Checks rendered params when they contain templates. */
  readonly validate: ValidateFunction | undefined;
  readonly answers: boolean;
}

export interface CompiledAction extends ActionVariant {
  /** Position in the rule's `do` list. */
  readonly index: number;
  readonly name: string;
  /** Fixed target instance; undefined = the event's source. */
  readonly via: string | undefined;
  /** The variant for each possible target instance (the fields above are the first variant). */
  readonly byInstance: ReadonlyMap<string, ActionVariant>;
  readonly save: string | undefined;
  readonly timeoutMs: number;
  readonly onError: 'stop' | 'continue';
  readonly position: SourcePosition;
}

/** A rule after validation and compilation: ready for the index and the dispatcher. */
export interface CompiledRule {
  readonly name: string;
  /** Load order across all files; earlier rules run first and win `answers`. */
  readonly order: number;
  readonly on: readonly string[];
  readonly from: ReadonlySet<string> | undefined;
  /** json-logic; undefined = always. */
  readonly condition: unknown;
  readonly stop: boolean;
  readonly actions: readonly CompiledAction[];
  readonly position: SourcePosition;
}
