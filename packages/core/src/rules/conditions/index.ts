export { ConditionError } from './ConditionError.js';
export type { ConditionProblem, ConditionProblemKind } from './ConditionProblem.js';
export { type CompiledCondition, compileCondition } from './compileCondition.js';
export { type ExplainNode, explainCondition } from './explainCondition.js';
export { extractIndexKey, type IndexKey, type IndexLiteral } from './extractIndexKey.js';
export { findConditionProblems, supportedOperators } from './findConditionProblems.js';
export { truthy } from './jsonLogicTruthy.js';
export { type IndexableRule, RuleIndex } from './RuleIndex.js';
