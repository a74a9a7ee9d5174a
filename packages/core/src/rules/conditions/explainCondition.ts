import { compileCondition } from './compileCondition.js';
import { isLogicNode, operatorAndArguments } from './isLogicNode.js';
import { truthy } from './jsonLogicTruthy.js';

/** One sub-expression of a condition with the value it has for the data. */
export interface ExplainNode {
  readonly expression: unknown;
  readonly value: unknown;
  readonly truthy: boolean;
  /** Operation arguments that are themselves operations (literals are shown in `expression`). */
  readonly children: readonly ExplainNode[];
}

/** Operators whose later arguments run once per array item, with the item as data. */
const scoped = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

/**
 * "Why did this rule fire": the condition's value and the value of each sub-expression, for one event.
 * For operators that iterate (`map`, `all`, …) only the array argument is broken down, since the rest
 * runs once per item. Not for the hot path: each node is compiled on its own.
 */
export function explainCondition(logic: unknown, data: unknown): ExplainNode {
  const value = compileCondition(logic)(data);
  if (!isLogicNode(logic)) return { expression: logic, value, truthy: truthy(value), children: [] };
  const { operator, args } = operatorAndArguments(logic);
  if (operator === 'var' || operator === 'missing' || operator === 'missing_some') {
    return { expression: logic, value, truthy: truthy(value), children: [] };
  }
  const explained = scoped.has(operator) ? args.slice(0, 1) : args;
  const children = explained.filter((arg) => isLogicNode(arg)).map((arg) => explainCondition(arg, data));
  return { expression: logic, value, truthy: truthy(value), children };
}
