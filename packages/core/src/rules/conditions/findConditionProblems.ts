import type { ConditionProblem } from './ConditionProblem.js';
import { isLogicNode } from './isLogicNode.js';
import { notAllowedOperators, operatorArity, supportedOperators } from './operatorArity.js';
import { aliasUsage, suggestOperator } from './suggestOperator.js';

export { supportedOperators } from './operatorArity.js';

type Path = (string | number)[];

/**
 * Every problem in a json-logic condition, in document order. Arrays are walked element by element and
 * one-key objects are operators; other objects are data, as in json-logic-js, and are not inspected.
 */
export function findConditionProblems(logic: unknown): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  visit(logic, [], problems);
  return problems;
}

function visit(node: unknown, path: Path, problems: ConditionProblem[]): void {
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) {
      visit(node[index], [...path, index], problems);
    }
    return;
  }
  if (!isLogicNode(node)) {
    return;
  }
  const operator = Object.keys(node)[0] as string;
  const raw = node[operator];
  const operatorPath = [...path, operator];
  const problem = operatorProblem(operator, Array.isArray(raw) ? raw.length : 1);
  if (problem) {
    problems.push({ path: operatorPath, ...problem });
  }
  if (Array.isArray(raw)) {
    for (let index = 0; index < raw.length; index++) {
      visit(raw[index], [...operatorPath, index], problems);
    }
  } else {
    visit(raw, operatorPath, problems);
  }
}

function operatorProblem(
  operator: string,
  argumentCount: number,
): Omit<ConditionProblem, 'path'> | undefined {
  const notAllowed = notAllowedOperators.get(operator);
  if (notAllowed !== undefined) {
    return { kind: 'not-allowed', message: notAllowed };
  }
  const arity = operatorArity.get(operator);
  if (arity === undefined) {
    const suggestion = suggestOperator(operator);
    const usage = aliasUsage.get(operator);
    const hint =
      suggestion === undefined ? '' : `; did you mean \`${suggestion}\`${usage ? ` (${usage})` : ''}?`;
    return {
      kind: 'unknown-operator',
      message: `unknown json-logic operator \`${operator}\`${hint} (operators: ${supportedOperators.join(' ')})`,
    };
  }
  if (argumentCount < arity.min || argumentCount > arity.max) {
    return {
      kind: 'bad-arguments',
      message: `\`${operator}\` expects ${describeArity(arity)}, got ${argumentCount}`,
    };
  }
  return undefined;
}

function describeArity({ min, max }: { min: number; max: number }): string {
  const noun = (count: number) => (count === 1 ? 'argument' : 'arguments');
  if (min === max) return `${min} ${noun(min)}`;
  if (max === Number.POSITIVE_INFINITY) return `at least ${min} ${noun(min)}`;
  return `${min} to ${max} arguments`;
}
