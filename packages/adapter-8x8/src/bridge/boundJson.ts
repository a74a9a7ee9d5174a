/** Limits for `boundJson`. */
export interface JsonBounds {
  /** Longest JSON text of the result, in UTF-16 code units. */
  readonly maxChars: number;
  /** Longest string kept whole; a longer one is cut and ends with a marker. */
  readonly maxStringChars: number;
  /** Deepest nesting kept (a top-level object is 1); a deeper object or array becomes a marker. */
  readonly maxDepth: number;
}

export interface BoundedJson {
  /** A JSON value whose text is at most `maxChars` long. */
  readonly value: unknown;
  /** Strings cut, plus values left out or replaced by a marker (0: the value is whole). */
  readonly cuts: number;
}

type Container = Record<string, unknown> | unknown[];

interface Pending {
  readonly source: object;
  readonly target: Container;
  readonly depth: number;
}

/** Room kept in each object or array for the marker that says how much of it was left out. */
const markerRoom = 64;
/** Keys longer than this (as JSON) are left out with their value. */
const maxKeyChars = 1024;
/** Cut strings keep at least this much text; with less room the value is left out. */
const minCutChars = 16;

const marker = (what: string): string => `[truncated: ${what}]`;

/** What JSON.stringify would write for a value (binary data, which socket.io would send as attachments, as a marker). */
function jsonView(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return marker('binary data');
  if (typeof Blob !== 'undefined' && value instanceof Blob) return marker('binary data');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON !== 'function') return value;
  try {
    return toJSON.call(value);
  } catch {
    return marker('unreadable value');
  }
}

/** A prefix of `text` whose JSON string body (escapes included) is at most `room` long. */
function cut(text: string, room: number): string {
  let kept = text.slice(0, room);
  for (;;) {
    const length = JSON.stringify(kept).length - 2;
    if (length <= room) return kept;
    kept = kept.slice(0, Math.max(0, Math.floor((kept.length * room) / length) - 1));
  }
}

/**
 * A copy of a value (as the browser's `postMessage` hands it over) whose JSON text stays within
 * `bounds`, whatever the value: long strings are cut and end with `…[truncated: N chars]`, nesting
 * deeper than `maxDepth` becomes a marker, and once the length budget is spent the remaining fields of
 * an object (or items of an array) are left out and replaced by one marker (`"[truncated]": "N more
 * field(s)"`). Fields are taken breadth first, so the top-level ones (an event's name and ids) are
 * kept before anything nested. Iterative: no recursion on the input.
 */
export function boundJson(input: unknown, bounds: JsonBounds): BoundedJson {
  const queue: Pending[] = [];
  let used = 0;
  let cuts = 0;

  /** What to write for a value (already `jsonView`ed) in at most `room` characters; undefined if it does not fit. */
  const admit = (value: unknown, depth: number, room: number): { value: unknown } | undefined => {
    if (typeof value === 'string') {
      const whole = JSON.stringify(value).length;
      if (whole <= room && value.length <= bounds.maxStringChars) {
        used += whole;
        return { value };
      }
      const suffix = `…[truncated: ${value.length} chars]`;
      const keep = Math.min(bounds.maxStringChars, room - 2 - suffix.length);
      if (keep < minCutChars) return undefined;
      const text = `${cut(value, keep)}${suffix}`;
      used += JSON.stringify(text).length;
      cuts += 1;
      return { value: text };
    }
    if (value === null || typeof value !== 'object') {
      const text = JSON.stringify(value) ?? 'null';
      if (text.length > room) return undefined;
      used += text.length;
      return { value: text === 'null' ? null : value };
    }
    if (depth > bounds.maxDepth) {
      const text = marker('nested too deep');
      if (text.length + 2 > room) return undefined;
      used += text.length + 2;
      cuts += 1;
      return { value: text };
    }
    if (2 + markerRoom > room) return undefined;
    used += 2 + markerRoom;
    const target: Container = Array.isArray(value) ? [] : {};
    queue.push({ source: value, target, depth });
    return { value: target };
  };

  const root = admit(jsonView(input), 1, bounds.maxChars);
  if (root === undefined) return { value: marker('too large'), cuts: 1 };
  for (let head = 0; head < queue.length; head += 1) {
    const { source, target, depth } = queue[head] as Pending;
    const list = Array.isArray(target) ? target : undefined;
    const keys = list ? undefined : Object.keys(source);
    const count = keys ? keys.length : (source as unknown[]).length;
    let written = 0;
    let left = 0;
    for (let i = 0; i < count; i += 1) {
      const key = keys ? (keys[i] as string) : i;
      const view = jsonView((source as Record<string | number, unknown>)[key]);
      const separator = written > 0 ? 1 : 0;
      const skipped = view === undefined || typeof view === 'function' || typeof view === 'symbol';
      if (skipped && !list) continue; // JSON leaves such fields out, and writes null in arrays
      const keyChars = list ? 0 : JSON.stringify(key).length + 1;
      if (keyChars > maxKeyChars) {
        left += 1;
        continue;
      }
      const placed = admit(skipped ? null : view, depth + 1, bounds.maxChars - used - separator - keyChars);
      if (placed === undefined) {
        left += count - i;
        break;
      }
      used += separator + keyChars;
      written += 1;
      if (list) list.push(placed.value);
      // defineProperty, not assignment: a `__proto__` key must stay a field, not become a prototype.
      else
        Object.defineProperty(target, key as string, {
          value: placed.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    if (left > 0) {
      cuts += left;
      if (list) list.push(marker(`${left} more item(s)`));
      else (target as Record<string, unknown>)['[truncated]'] = `${left} more field(s)`;
    }
  }
  return { value: root.value, cuts };
}
