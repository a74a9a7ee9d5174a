/** A compiled json-logic node: `evaluate(data)` returns what `jsonLogic.apply(node, data)` returns. */
export type Evaluate = (data: unknown) => unknown;

export interface CompiledNode {
  readonly evaluate: Evaluate;
  /** True when the result does not depend on the data; `value` then holds it (arrays are still rebuilt per call). */
  readonly constant: boolean;
  readonly value?: unknown;
}

export type CompileNode = (node: unknown) => CompiledNode;

export function constantNode(value: unknown): CompiledNode {
  return { evaluate: () => value, constant: true, value };
}

export function dynamicNode(evaluate: Evaluate): CompiledNode {
  return { evaluate, constant: false };
}

/** Values that can be shared between calls without anybody noticing (json-logic-js builds arrays afresh). */
export function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

export function evaluateAll(evaluators: readonly Evaluate[], data: unknown): unknown[] {
  const values = new Array<unknown>(evaluators.length);
  for (let i = 0; i < evaluators.length; i++) {
    values[i] = (evaluators[i] as Evaluate)(data);
  }
  return values;
}
