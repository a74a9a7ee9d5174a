import { ConditionError } from './ConditionError.js';
import { type ConditionProgram, compileConditionProgram, runConditionProgram } from './conditionProgram.js';
import { findConditionProblems } from './findConditionProblems.js';

/** A compiled json-logic condition: returns exactly what `jsonLogic.apply(logic, data)` returns. */
export type CompiledCondition = (data: unknown) => unknown;

/**
 * Compiles a json-logic condition ahead of time into a program for the shared evaluator (nothing is ever
 * evaluated as code). Throws a `ConditionError` for the first problem `findConditionProblems` reports.
 */
export function compileCondition(logic: unknown): CompiledCondition {
  const program = checkedConditionProgram(logic);
  return (data) => runConditionProgram(program, data);
}

/** The program of a condition, for callers that run many (the rule index); checked as `compileCondition`. */
export function checkedConditionProgram(logic: unknown): ConditionProgram {
  const [problem] = findConditionProblems(logic);
  if (problem) {
    throw new ConditionError(problem);
  }
  return compileConditionProgram(logic);
}
