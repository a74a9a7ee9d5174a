/**
 * json-logic truthiness, identical to `jsonLogic.truthy` in json-logic-js 2.0.5:
 * JavaScript truthiness, except that an empty array is falsy.
 */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) {
    return false;
  }
  return !!value;
}
