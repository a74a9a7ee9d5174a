/** Where in a source file a problem is. Lines and columns are 1-based. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface SwitchboardErrorOptions {
  position?: SourcePosition;
  path?: readonly (string | number)[];
  cause?: unknown;
}

const brand = Symbol.for('@switchboard/core/SwitchboardError');

/**
 * The one error class of Switchboard. Every error carries a stable `code` (listed in
 * `docs/errors.md`), an optional source position and an optional `cause`.
 */
export class SwitchboardError extends Error {
  readonly [brand] = true;
  /** `SWB_…` for core's codes, the adapter's prefix for its own (`XC_NOT_CONNECTED`). */
  readonly code: string;
  readonly position: SourcePosition | undefined;
  /** Where in a document (rule, params, condition) the problem is, as keys and indexes from its root. */
  readonly path: readonly (string | number)[] | undefined;

  constructor(code: string, message: string, options: SwitchboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwitchboardError';
    this.code = code;
    this.position = options.position;
    this.path = options.path;
  }

  static is(value: unknown): value is SwitchboardError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }

  /** `file:line:col message [CODE]`, the format every CLI command prints. */
  format(): string {
    const where = this.position ? `${formatPosition(this.position)} ` : '';
    return `${where}${this.message} [${this.code}]`;
  }
}

export function formatPosition(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.col}`;
}

/** A message for any thrown value, without a stack trace. */
export function describeError(error: unknown): string {
  if (SwitchboardError.is(error)) return error.format();
  if (error instanceof Error) return error.message;
  return String(error);
}
