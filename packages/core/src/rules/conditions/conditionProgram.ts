import { type Evaluate, isPrimitive } from './compiledNode.js';
import { compileNode } from './compileNode.js';
import { isLogicNode, operatorAndArguments } from './isLogicNode.js';
import { truthy } from './jsonLogicTruthy.js';
import { type PositionalOperation, positionalOperations } from './pureOperations.js';
import { lookupVarPath, parseVarPath, type VarPath } from './varLookup.js';

/**
 * A condition compiled to a flat array of opcodes and operands, run by `runConditionProgram`: one
 * evaluator shared by every rule, so with thousands of rules the code stays hot and each rule costs only
 * its (small, contiguous) array. Layout, with `<x>` an encoded sub-expression and `|x|` its length:
 *
 * - `Const value` (a primitive) · `Var path notFound` (a constant path, a primitive fallback)
 * - `Eq |a| <a> <b>` and the other comparisons, `Call2 operation |a| <a> <b>` for other two-argument
 *   operators · `Not <a>`, `Truthy <a>`
 * - `And count |e1| <e1> |e2| <e2> …` and `Or …`, short-circuiting
 * - `Closure evaluate`: any other sub-expression, as the closure compiler builds it.
 *
 * The semantics are those of `jsonLogic.apply` (json-logic-js 2.0.5), exactly as the closure compiler's.
 */
export type ConditionProgram = readonly unknown[];

const Const = 0;
const Var = 1;
const Eq = 2;
const StrictEq = 3;
const NotEq = 4;
const StrictNotEq = 5;
const Gt = 6;
const Ge = 7;
const Lt = 8;
const Le = 9;
const Call2 = 10;
const Not = 11;
const Truthy = 12;
const And = 13;
const Or = 14;
const Closure = 15;

const comparisons: ReadonlyMap<string, number> = new Map([
  ['==', Eq],
  ['===', StrictEq],
  ['!=', NotEq],
  ['!==', StrictNotEq],
  ['>', Gt],
  ['>=', Ge],
  ['<', Lt],
  ['<=', Le],
]);

/** Parsed `var` paths shared by every rule: thousands of rules reading `call.queue` read one array. */
const sharedPaths = new Map<string, VarPath>();

function sharedPath(path: unknown): VarPath {
  const parsed = parseVarPath(path);
  if (parsed === undefined) return undefined;
  const text = parsed.join('.');
  let shared = sharedPaths.get(text);
  if (shared === undefined) {
    shared = Object.freeze(parsed);
    sharedPaths.set(text, shared);
  }
  return shared;
}

/** Compiles a json-logic value (checked beforehand) to a program. */
export function compileConditionProgram(logic: unknown): ConditionProgram {
  const code: unknown[] = [];
  emit(logic, code);
  return code;
}

function emit(node: unknown, code: unknown[]): void {
  const compiled = compileNode(node);
  if (compiled.constant && isPrimitive(compiled.value)) {
    code.push(Const, compiled.value);
    return;
  }
  if (!isLogicNode(node)) {
    code.push(Closure, compiled.evaluate);
    return;
  }
  const { operator, args } = operatorAndArguments(node);
  if (operator === 'var' && emitVar(args, code)) return;
  const comparison = comparisons.get(operator);
  if (comparison !== undefined && args.length === 2) {
    emitPair(comparison, undefined, args, code);
    return;
  }
  const positional = positionalOperations.get(operator);
  if (positional !== undefined && args.length === 2) {
    emitPair(Call2, positional, args, code);
    return;
  }
  if ((operator === '!' || operator === '!!') && args.length === 1) {
    code.push(operator === '!' ? Not : Truthy);
    emit(args[0], code);
    return;
  }
  if ((operator === 'and' || operator === 'or') && args.length > 0) {
    code.push(operator === 'and' ? And : Or, args.length);
    for (const arg of args) {
      const at = code.length;
      code.push(0);
      emit(arg, code);
      code[at] = code.length - at - 1;
    }
    return;
  }
  code.push(Closure, compiled.evaluate);
}

/** `{"var": path}` with a constant path and a primitive (or no) fallback; false for any other `var`. */
function emitVar(args: readonly unknown[], code: unknown[]): boolean {
  if (args.length > 2) return false;
  const [pathArg, fallbackArg] = args;
  const path = pathArg === undefined ? undefined : compileNode(pathArg);
  if (path !== undefined && !path.constant) return false;
  const fallback = fallbackArg === undefined ? undefined : compileNode(fallbackArg);
  if (fallback !== undefined && !(fallback.constant && isPrimitive(fallback.value))) return false;
  code.push(Var, sharedPath(path?.value), fallback?.value ?? null);
  return true;
}

function emitPair(
  op: number,
  operation: PositionalOperation | undefined,
  args: readonly unknown[],
  code: unknown[],
): void {
  code.push(op);
  if (operation !== undefined) code.push(operation);
  const at = code.length;
  code.push(0);
  emit(args[0], code);
  code[at] = code.length - at - 1;
  emit(args[1], code);
}

/** The value of the program for `data`: what `jsonLogic.apply(logic, data)` returns. */
export function runConditionProgram(code: ConditionProgram, data: unknown): unknown {
  return run(code, 0, data);
}

function run(code: ConditionProgram, pc: number, data: unknown): unknown {
  const op = code[pc] as number;
  switch (op) {
    case Const:
      return code[pc + 1];
    case Var:
      return lookupVarPath(data, code[pc + 1] as VarPath, code[pc + 2]);
    case Not:
      return !truthy(run(code, pc + 1, data));
    case Truthy:
      return truthy(run(code, pc + 1, data));
    case And:
    case Or: {
      const stopWhenTruthy = op === Or;
      const count = code[pc + 1] as number;
      let at = pc + 2;
      let current: unknown;
      for (let i = 0; i < count; i++) {
        current = run(code, at + 1, data);
        if (truthy(current) === stopWhenTruthy) return current;
        at += (code[at] as number) + 1;
      }
      return current;
    }
    case Closure:
      return (code[pc + 1] as Evaluate)(data);
    case Call2: {
      const length = code[pc + 2] as number;
      const a = run(code, pc + 3, data);
      const b = run(code, pc + 3 + length, data);
      return (code[pc + 1] as PositionalOperation)(a, b, undefined);
    }
    default:
      return compare(op, run(code, pc + 2, data), run(code, pc + 2 + (code[pc + 1] as number), data));
  }
}

type Num = number;

function compare(op: number, a: unknown, b: unknown): boolean {
  switch (op) {
    case Eq:
      // biome-ignore lint/suspicious/noDoubleEquals: json-logic `==` is JavaScript loose equality
      return a == b;
    case StrictEq:
      return a === b;
    case NotEq:
      // biome-ignore lint/suspicious/noDoubleEquals: json-logic `!=` is JavaScript loose inequality
      return a != b;
    case StrictNotEq:
      return a !== b;
    case Gt:
      return (a as Num) > (b as Num);
    case Ge:
      return (a as Num) >= (b as Num);
    case Lt:
      return (a as Num) < (b as Num);
    default:
      return (a as Num) <= (b as Num);
  }
}
