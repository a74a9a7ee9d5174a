/** A json-logic operation node: a non-array object with exactly one own enumerable key. */
export type LogicNode = Readonly<Record<string, unknown>>;

/** Same test as `jsonLogic.is_logic`: anything else is returned as data by json-logic-js. */
export function isLogicNode(value: unknown): value is LogicNode {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1
  );
}

/** The operator of a logic node and its arguments; a non-array argument is one argument, as in json-logic-js. */
export function operatorAndArguments(node: LogicNode): { operator: string; args: readonly unknown[] } {
  const operator = Object.keys(node)[0] as string;
  const raw = node[operator];
  return { operator, args: Array.isArray(raw) ? raw : [raw] };
}
