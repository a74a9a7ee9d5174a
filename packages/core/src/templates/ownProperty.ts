/** `object[key]` if `object` is an object that has `key` as its own property; never reads a prototype. */
export function ownProperty(object: unknown, key: string | number): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  return Object.hasOwn(object, key) ? (object as Record<string | number, unknown>)[key] : undefined;
}
