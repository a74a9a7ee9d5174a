import { ConditionError } from './ConditionError.js';
import { compileNode } from './compileNode.js';
import { findConditionProblems } from './findConditionProblems.js';

/** A compiled json-logic condition: returns exactly what `jsonLogic.apply(logic, data)` returns. */
export type CompiledCondition = (data: unknown) => unknown;

/**
 * Compiles a json-logic condition ahead of time into plain closures (nothing is ever evaluated as code).
 * Throws a `ConditionError` for the first problem `findConditionProblems` reports.
 */
export function compileCondition(logic: unknown): CompiledCondition {
  const [problem] = findConditionProblems(logic);
  if (problem) {
    throw new ConditionError(problem);
  }
  return compileNode(logic).evaluate;
}
