import { isLogicNode, operatorAndArguments } from './isLogicNode.js';

export type IndexLiteral = string | number | boolean | null;

/**
 * A necessary condition of a rule: the value of `var` `path` (missing = null) must equal one of `values`,
 * with `===` when `strict`, else with `==`. `path` "" means the whole data.
 */
export interface IndexKey {
  readonly path: string;
  readonly values: readonly IndexLiteral[];
  readonly strict: boolean;
}

interface VarReference {
  readonly path: string;
  readonly fallback: IndexLiteral | undefined;
}

/**
 * Finds a conjunct that must be truthy for the whole condition to be truthy (the condition itself, an
 * operand of a top-level `and` at any depth, or the operand of `!!`) and that pins a `var` to literals:
 * `{"==": [var, literal]}`, `===` (either order) or `{"in": [var, [literals...]]}`.
 */
export function extractIndexKey(logic: unknown): IndexKey | undefined {
  if (!isLogicNode(logic)) {
    return undefined;
  }
  const { operator, args } = operatorAndArguments(logic);
  if ((operator === 'and' && args.length > 0) || (operator === '!!' && args.length === 1)) {
    for (const conjunct of args) {
      const key = extractIndexKey(conjunct);
      if (key) {
        return key;
      }
    }
    return undefined;
  }
  if (args.length !== 2) {
    return undefined;
  }
  const [first, second] = args;
  if (operator === '==' || operator === '===') {
    const strict = operator === '===';
    const reference = varReference(first) ?? varReference(second);
    const literal = varReference(first) ? second : first;
    return reference && isLiteral(literal) ? indexKey(reference, [literal], strict) : undefined;
  }
  if (operator === 'in') {
    const reference = varReference(first);
    // `in` on an array is `indexOf`, i.e. strict equality.
    return reference && Array.isArray(second) && second.every(isLiteral)
      ? indexKey(reference, second, true)
      : undefined;
  }
  return undefined;
}

function indexKey(reference: VarReference, literals: readonly IndexLiteral[], strict: boolean): IndexKey {
  const values = literals.filter((value, index) => !Number.isNaN(value) && literals.indexOf(value) === index);
  const { fallback } = reference;
  // A missing value compares as the fallback, but is looked up as null: index it under null too.
  const fallbackMatches = fallback !== undefined && values.some((value) => equals(fallback, value, strict));
  if (fallbackMatches && !values.includes(null)) {
    values.push(null);
  }
  return { path: reference.path, values, strict };
}

/** `{"var": path}`, `{"var": [path]}` or `{"var": [path, literalFallback]}` with a literal path. */
function varReference(node: unknown): VarReference | undefined {
  if (!isLogicNode(node)) {
    return undefined;
  }
  const { operator, args } = operatorAndArguments(node);
  const [path, fallback] = args;
  if (operator !== 'var' || args.length > 2 || !isLiteral(path ?? null) || !isLiteral(fallback ?? null)) {
    return undefined;
  }
  return {
    path: path === undefined || path === null ? '' : String(path),
    fallback: fallback === null ? undefined : (fallback as IndexLiteral | undefined),
  };
}

function equals(a: IndexLiteral, b: IndexLiteral, strict: boolean): boolean {
  // biome-ignore lint/suspicious/noDoubleEquals: json-logic `==` is JavaScript loose equality
  return strict ? a === b : a == b;
}

function isLiteral(value: unknown): value is IndexLiteral {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}
