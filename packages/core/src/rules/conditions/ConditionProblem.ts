export type ConditionProblemKind = 'unknown-operator' | 'not-allowed' | 'bad-arguments';

/** A problem in a json-logic condition; `path` leads from the condition root to the offending operator key. */
export interface ConditionProblem {
  path: (string | number)[];
  message: string;
  kind: ConditionProblemKind;
}
