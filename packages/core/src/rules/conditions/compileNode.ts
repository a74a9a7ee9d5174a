import {
  type CompiledNode,
  constantNode,
  dynamicNode,
  type Evaluate,
  evaluateAll,
  isPrimitive,
} from './compiledNode.js';
import { compileSpecialForms } from './compileSpecialForms.js';
import { isLogicNode, operatorAndArguments } from './isLogicNode.js';
import { missingOperation, missingSomeOperation } from './missingOperations.js';
import { type PositionalOperation, positionalOperations, variadicOperations } from './pureOperations.js';
import { lookupVarPath, parseVarPath, varOperation } from './varLookup.js';

/**
 * Compiles any json-logic value into nested closures with the semantics of `jsonLogic.apply`.
 * Does not validate: an unknown operator compiles to a closure that throws when reached, like json-logic-js.
 */
export function compileNode(node: unknown): CompiledNode {
  if (Array.isArray(node)) {
    return compileArray(node);
  }
  if (!isLogicNode(node)) {
    return constantNode(node); // primitives and non-logic objects are returned as they are
  }
  const { operator, args } = operatorAndArguments(node);
  const special = compileSpecialForms.get(operator);
  if (special) {
    return special(args, compileNode);
  }
  const compiledArgs = args.map(compileNode);
  const positional = positionalOperations.get(operator);
  if (positional) {
    return foldOr(
      compiledArgs,
      (values) => positional(values[0], values[1], values[2]),
      () =>
        callPositional(
          positional,
          compiledArgs.map((arg) => arg.evaluate),
        ),
    );
  }
  const variadic = variadicOperations.get(operator);
  if (variadic) {
    const evaluators = compiledArgs.map((arg) => arg.evaluate);
    return foldOr(compiledArgs, variadic, () => (data) => variadic(evaluateAll(evaluators, data)));
  }
  return dynamicNode(compileDataOperation(operator, compiledArgs));
}

/** `jsonLogic.apply` on a value produced at runtime (json-logic-js re-applies some evaluated values). */
export function applyValue(value: unknown, data: unknown): unknown {
  return typeof value === 'object' && value !== null ? compileNode(value).evaluate(data) : value;
}

function compileArray(items: readonly unknown[]): CompiledNode {
  const compiled = items.map(compileNode);
  const evaluators = compiled.map((item) => item.evaluate);
  const evaluate: Evaluate = (data) => evaluateAll(evaluators, data);
  return compiled.every((item) => item.constant)
    ? { evaluate, constant: true, value: evaluate(undefined) }
    : { evaluate, constant: false };
}

/** Folds a data-independent operation over constant arguments when the result is a primitive. */
function foldOr(
  args: readonly CompiledNode[],
  operation: (values: readonly unknown[]) => unknown,
  compileCall: () => Evaluate,
): CompiledNode {
  if (args.every((arg) => arg.constant)) {
    try {
      const value = operation(args.map((arg) => arg.value));
      if (isPrimitive(value)) {
        return constantNode(value);
      }
    } catch {
      // leave the error to runtime, where json-logic-js would throw it too
    }
  }
  return dynamicNode(compileCall());
}

function callPositional(operation: PositionalOperation, args: readonly Evaluate[]): Evaluate {
  const [a, b, c] = args;
  switch (args.length) {
    case 0:
      return () => operation(undefined, undefined, undefined);
    case 1:
      return (data) => operation(a!(data), undefined, undefined);
    case 2:
      return (data) => operation(a!(data), b!(data), undefined);
    case 3:
      return (data) => operation(a!(data), b!(data), c!(data));
    default:
      return (data) => {
        const values = evaluateAll(args, data);
        return operation(values[0], values[1], values[2]);
      };
  }
}

/** Operators that read the data: `var`, `missing`, `missing_some`; anything else is unknown. */
function compileDataOperation(operator: string, args: readonly CompiledNode[]): Evaluate {
  if (operator === 'var') {
    return compileVar(args);
  }
  const evaluators = args.map((arg) => arg.evaluate);
  if (operator === 'missing') {
    return (data) => missingOperation(evaluateAll(evaluators, data), data, applyValue);
  }
  if (operator === 'missing_some') {
    return (data) => {
      const values = evaluateAll(evaluators, data);
      return missingSomeOperation(values[0], values[1], data, applyValue);
    };
  }
  return (data) => {
    evaluateAll(evaluators, data); // json-logic-js evaluates the arguments before rejecting the operator
    throw new Error(`Unrecognized operation ${operator}`);
  };
}

function compileVar(args: readonly CompiledNode[]): Evaluate {
  const [pathArg, fallbackArg] = args;
  if (args.length > 2 || (pathArg !== undefined && !pathArg.constant)) {
    const evaluators = args.map((arg) => arg.evaluate);
    return (data) => {
      const values = evaluateAll(evaluators, data);
      return varOperation(data, values[0], values[1]);
    };
  }
  const path = parseVarPath(pathArg?.value);
  if (fallbackArg === undefined || (fallbackArg.constant && isPrimitive(fallbackArg.value))) {
    const notFound = fallbackArg?.value ?? null;
    return (data) => lookupVarPath(data, path, notFound);
  }
  const fallback = fallbackArg.evaluate;
  return (data) => {
    const value = fallback(data);
    return lookupVarPath(data, path, value === undefined ? null : value);
  };
}
