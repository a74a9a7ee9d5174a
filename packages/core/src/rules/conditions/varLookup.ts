/**
 * The `var` operator of json-logic-js 2.0.5, split in two so a constant path can be parsed once.
 * `undefined` as parsed path means "the whole data" (path `undefined`, `null` or `""`).
 */
export type VarPath = readonly string[] | undefined;

export function parseVarPath(path: unknown): VarPath {
  if (path === undefined || path === '' || path === null) {
    return undefined;
  }
  return String(path).split('.');
}

/** Walks `path` into `data`; a null/undefined step or an undefined value yields `notFound`. */
export function lookupVarPath(data: unknown, path: VarPath, notFound: unknown): unknown {
  if (path === undefined) {
    return data;
  }
  let current = data;
  for (let i = 0; i < path.length; i++) {
    if (current === null || current === undefined) {
      return notFound;
    }
    current = (current as Record<string, unknown>)[path[i] as string];
    if (current === undefined) {
      return notFound;
    }
  }
  return current;
}

/** `{"var": [path, fallback]}` with both arguments already evaluated. */
export function varOperation(data: unknown, path: unknown, fallback: unknown): unknown {
  return lookupVarPath(data, parseVarPath(path), fallback === undefined ? null : fallback);
}
