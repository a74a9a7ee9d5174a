import { isRecord } from '@switchboard/core';

/**
 * The mapping's small path syntax: `$` is the body; `.name` reads a field, `[0]` an array item,
 * `["odd.key"]` a field whose name has dots or spaces. Paths are parsed once, read without eval, and only
 * ever see a value's own fields (never `__proto__`, `constructor` or other inherited properties).
 */
export type PathSegment = string | number;

export interface JsonPath {
  /** The path as written in the options, for messages. */
  readonly text: string;
  readonly segments: readonly PathSegment[];
}

/** The JSON Schema `pattern` of a path, so the config loader reports a bad path at its position. */
export const jsonPathPattern = '^\\$((\\.[A-Za-z0-9_-]+)|(\\[[0-9]+\\])|(\\["[^"\\\\]*"\\]))*$';

const segment = /\.([A-Za-z0-9_-]+)|\[([0-9]+)\]|\["([^"\\]*)"\]/y;

export const isPathText = (text: string): boolean => text.startsWith('$');

/** Parses `$.a.b[0]["c.d"]`; throws an Error naming the path and where it went wrong. */
export function parseJsonPath(text: string): JsonPath {
  if (!text.startsWith('$')) throw new Error(`path \`${text}\` must start with \`$\``);
  const segments: PathSegment[] = [];
  let at = 1;
  while (at < text.length) {
    segment.lastIndex = at;
    const m = segment.exec(text);
    if (!m) {
      throw new Error(
        `path \`${text}\` is invalid at character ${at + 1}: expected .name, [index] or ["name"]`,
      );
    }
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push(m[3] as string);
    at = segment.lastIndex;
  }
  return { text, segments };
}

/** The value at `path` in `root`, or undefined when any step is missing. */
export function readJsonPath(root: unknown, path: JsonPath): unknown {
  let current: unknown = root;
  for (const step of path.segments) {
    if (Array.isArray(current)) {
      const index = typeof step === 'number' ? step : /^[0-9]+$/.test(step) ? Number(step) : -1;
      current = index >= 0 && index < current.length ? current[index] : undefined;
    } else if (isRecord(current) && Object.hasOwn(current, String(step))) {
      current = current[String(step)];
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** The body field a path starts with (`$.call.id` → `call`); undefined for `$` itself. */
export function topLevelField(path: JsonPath): string | undefined {
  const first = path.segments[0];
  return first === undefined ? undefined : String(first);
}
