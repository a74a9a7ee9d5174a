import {
  type CompiledNode,
  type CompileNode,
  constantNode,
  dynamicNode,
  type Evaluate,
} from './compiledNode.js';
import { truthy } from './jsonLogicTruthy.js';

/**
 * Operators that json-logic-js evaluates lazily (`if`, `?:`, `and`, `or`) or on a scoped datum
 * (`map`, `filter`, `reduce`, `all`, `none`, `some`), compiled with identical semantics.
 */
type SpecialForm = (args: readonly unknown[], compile: CompileNode) => CompiledNode;

function compileIf(args: readonly unknown[], compile: CompileNode): CompiledNode {
  const conditions: Evaluate[] = [];
  const consequents: Evaluate[] = [];
  let i = 0;
  for (; i < args.length - 1; i += 2) {
    const condition = compile(args[i]);
    if (!condition.constant) {
      conditions.push(condition.evaluate);
      consequents.push(compile(args[i + 1]).evaluate);
    } else if (truthy(condition.value)) {
      return withBranches(conditions, consequents, compile(args[i + 1]));
    }
  }
  return withBranches(conditions, consequents, args.length === i + 1 ? compile(args[i]) : constantNode(null));
}

function withBranches(
  conditions: Evaluate[],
  consequents: Evaluate[],
  otherwise: CompiledNode,
): CompiledNode {
  if (conditions.length === 0) {
    return otherwise;
  }
  const fallback = otherwise.evaluate;
  return dynamicNode((data) => {
    for (let i = 0; i < conditions.length; i++) {
      if (truthy((conditions[i] as Evaluate)(data))) {
        return (consequents[i] as Evaluate)(data);
      }
    }
    return fallback(data);
  });
}

/** `and` returns the first falsy operand (or the last one); `or` the first truthy one (or the last one). */
function shortCircuit(stopWhenTruthy: boolean): SpecialForm {
  return (args, compile) => {
    const operands: CompiledNode[] = [];
    for (let i = 0; i < args.length; i++) {
      const operand = compile(args[i]);
      const isLast = i === args.length - 1;
      if (operand.constant && truthy(operand.value) !== stopWhenTruthy && !isLast) {
        continue; // a constant that never stops the chain and is not the final value changes nothing
      }
      operands.push(operand);
      if (operand.constant) {
        break; // a constant that stops the chain (or the last operand): nothing after it is evaluated
      }
    }
    if (operands.length <= 1) {
      return operands[0] ?? constantNode(undefined);
    }
    const evaluators = operands.map((operand) => operand.evaluate);
    return dynamicNode((data) => {
      let current: unknown;
      for (let i = 0; i < evaluators.length; i++) {
        current = (evaluators[i] as Evaluate)(data);
        if (truthy(current) === stopWhenTruthy) {
          return current;
        }
      }
      return current;
    });
  };
}

/** `{op: [arrayExpression, logicPerElement]}` where the logic sees each element as its data. */
function scoped(run: (items: unknown, perItem: Evaluate) => unknown): SpecialForm {
  return (args, compile) => {
    const source = compile(args[0]).evaluate;
    const perItem = compile(args[1]).evaluate;
    return dynamicNode((data) => run(source(data), perItem));
  };
}

function compileReduce(args: readonly unknown[], compile: CompileNode): CompiledNode {
  const source = compile(args[0]).evaluate;
  const step = compile(args[1]).evaluate;
  const initial = (args[2] !== undefined ? compile(args[2]) : constantNode(null)).evaluate;
  return dynamicNode((data) => {
    const items = source(data);
    const start = initial(data);
    if (!Array.isArray(items)) {
      return start;
    }
    return items.reduce((accumulator: unknown, current: unknown) => step({ current, accumulator }), start);
  });
}

export const compileSpecialForms: ReadonlyMap<string, SpecialForm> = new Map<string, SpecialForm>([
  ['if', compileIf],
  ['?:', compileIf],
  ['and', shortCircuit(false)],
  ['or', shortCircuit(true)],
  ['filter', scoped((items, f) => (Array.isArray(items) ? items.filter((item) => truthy(f(item))) : []))],
  ['map', scoped((items, f) => (Array.isArray(items) ? items.map((item) => f(item)) : []))],
  ['reduce', compileReduce],
  [
    'all',
    scoped((items, f) => Array.isArray(items) && items.length > 0 && items.every((item) => truthy(f(item)))),
  ],
  [
    'none',
    scoped(
      (items, f) => !Array.isArray(items) || items.length === 0 || !items.some((item) => truthy(f(item))),
    ),
  ],
  [
    'some',
    scoped((items, f) => Array.isArray(items) && items.length > 0 && items.some((item) => truthy(f(item)))),
  ],
]);
