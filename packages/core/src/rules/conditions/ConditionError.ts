import type { ConditionProblem, ConditionProblemKind } from './ConditionProblem.js';

/** Thrown by `compileCondition` when a condition has a problem (the first one found). */
export class ConditionError extends Error {
  readonly path: readonly (string | number)[];
  readonly kind: ConditionProblemKind;

  constructor(problem: ConditionProblem) {
    super(problem.message);
    this.name = 'ConditionError';
    this.path = problem.path;
    this.kind = problem.kind;
  }
}
