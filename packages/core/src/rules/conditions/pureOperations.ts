import { truthy } from './jsonLogicTruthy.js';

/**
 * The data-independent operators of json-logic-js 2.0.5, on already evaluated arguments.
 * Each body mirrors the original JavaScript exactly (the casts only silence the type checker:
 * the runtime coercions, including string concatenation in `substr`, are the same).
 */
export type PositionalOperation = (a: unknown, b: unknown, c: unknown) => unknown;
export type VariadicOperation = (args: readonly unknown[]) => unknown;

type Num = number;
type Searchable = { indexOf(value: unknown): number };

export const positionalOperations: ReadonlyMap<string, PositionalOperation> = new Map<
  string,
  PositionalOperation
>([
  // biome-ignore lint/suspicious/noDoubleEquals: json-logic `==` is JavaScript loose equality
  ['==', (a, b) => a == b],
  ['===', (a, b) => a === b],
  // biome-ignore lint/suspicious/noDoubleEquals: json-logic `!=` is JavaScript loose inequality
  ['!=', (a, b) => a != b],
  ['!==', (a, b) => a !== b],
  ['>', (a, b) => (a as Num) > (b as Num)],
  ['>=', (a, b) => (a as Num) >= (b as Num)],
  [
    '<',
    (a, b, c) =>
      c === undefined ? (a as Num) < (b as Num) : (a as Num) < (b as Num) && (b as Num) < (c as Num),
  ],
  [
    '<=',
    (a, b, c) =>
      c === undefined ? (a as Num) <= (b as Num) : (a as Num) <= (b as Num) && (b as Num) <= (c as Num),
  ],
  ['!!', (a) => truthy(a)],
  ['!', (a) => !truthy(a)],
  ['%', (a, b) => (a as Num) % (b as Num)],
  ['log', (a) => a], // json-logic-js also writes to the console; we deliberately do not.
  [
    'in',
    (a, b) =>
      !b || typeof (b as Searchable).indexOf === 'undefined' ? false : (b as Searchable).indexOf(a) !== -1,
  ],
  ['substr', substr],
  ['-', (a, b) => (b === undefined ? -(a as Num) : (a as Num) - (b as Num))],
  ['/', (a, b) => (a as Num) / (b as Num)],
]);

function substr(source: unknown, start: unknown, end: unknown): unknown {
  if ((end as Num) < 0) {
    // Negative end emulates PHP, exactly as json-logic-js does it.
    const temp = String(source).substr(start as Num);
    return temp.substr(0, temp.length + (end as Num));
  }
  return String(source).substr(start as Num, end as Num);
}

export const variadicOperations: ReadonlyMap<string, VariadicOperation> = new Map<string, VariadicOperation>([
  ['cat', (args) => args.join('')],
  ['+', (args) => args.reduce((a, b) => parseFloat(a as string) + parseFloat(b as string), 0)],
  ['*', (args) => args.reduce((a, b) => parseFloat(a as string) * parseFloat(b as string))],
  ['min', (args) => Math.min(...(args as Num[]))],
  ['max', (args) => Math.max(...(args as Num[]))],
  ['merge', (args) => args.reduce((a: unknown[], b) => a.concat(b), [])],
]);
