import { ownProperty } from './ownProperty.js';

/** One step of a data path: a property name or an array index. */
export type PathKey = string | number;

/** Reads a value out of the render data. */
export type PathGetter = (data: unknown) => unknown;

/** Keys that would reach into prototypes; a path that uses one reads nothing. */
export const blockedKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const readNothing: PathGetter = () => undefined;

/** Compiles a path to a getter that reads own properties only; a missing step gives `undefined`. */
export function compilePathGetter(keys: readonly PathKey[]): PathGetter {
  if (keys.some((key) => typeof key === 'string' && blockedKeys.has(key))) return readNothing;
  const [a, b, c] = keys;
  switch (keys.length) {
    case 0:
      return (data) => data;
    case 1:
      return (data) => ownProperty(data, a!);
    case 2:
      return (data) => ownProperty(ownProperty(data, a!), b!);
    case 3:
      return (data) => ownProperty(ownProperty(ownProperty(data, a!), b!), c!);
    default:
      return (data) => {
        let value = data;
        for (const key of keys) {
          value = ownProperty(value, key);
          if (value === undefined) return undefined;
        }
        return value;
      };
  }
}
