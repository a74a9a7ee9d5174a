/**
 * How many arguments each supported operator accepts. json-logic-js itself accepts any count (missing
 * arguments are `undefined`, extra ones are ignored); counts outside these ranges are reported as
 * 'bad-arguments' because they are authoring mistakes (or, for `*` without arguments, always throw).
 */
export interface Arity {
  readonly min: number;
  readonly max: number;
}

const any: Arity = { min: 0, max: Number.POSITIVE_INFINITY };
const atLeastOne: Arity = { min: 1, max: Number.POSITIVE_INFINITY };
const one: Arity = { min: 1, max: 1 };
const two: Arity = { min: 2, max: 2 };
const twoOrThree: Arity = { min: 2, max: 3 };

/** In suggestion-priority order: on a tie, the earlier operator is suggested. */
export const operatorArity: ReadonlyMap<string, Arity> = new Map<string, Arity>([
  ['==', two],
  ['===', two],
  ['!=', two],
  ['!==', two],
  ['>', two],
  ['>=', two],
  ['<', twoOrThree],
  ['<=', twoOrThree],
  ['!', one],
  ['!!', one],
  ['and', atLeastOne],
  ['or', atLeastOne],
  ['if', any],
  ['?:', any],
  ['var', { min: 0, max: 2 }],
  ['missing', any],
  ['missing_some', two],
  ['in', two],
  ['cat', any],
  ['substr', twoOrThree],
  ['+', any],
  ['-', { min: 1, max: 2 }],
  ['*', atLeastOne],
  ['/', two],
  ['%', two],
  ['min', atLeastOne],
  ['max', atLeastOne],
  ['merge', any],
  ['map', two],
  ['filter', two],
  ['reduce', twoOrThree],
  ['all', two],
  ['none', two],
  ['some', two],
  ['log', one],
]);

/** Every json-logic-js 2.0.5 built-in operator except `method`, which is not allowed. */
export const supportedOperators: readonly string[] = Object.freeze([...operatorArity.keys()]);

/** Operators that are known but refused. */
export const notAllowedOperators: ReadonlyMap<string, string> = new Map([
  ['method', 'json-logic operator `method` is not allowed: it calls arbitrary methods on event data'],
]);
