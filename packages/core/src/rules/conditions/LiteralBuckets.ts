import type { IndexKey, IndexLiteral } from './extractIndexKey.js';

/**
 * Rules keyed on one `var` path, bucketed by the literals their key compares the value with, so that
 * `collect(value)` yields every rule whose key can hold for `value` (possibly more, never fewer).
 *
 * Loose equality between two non-null primitives is string identity when both are strings and
 * `Number(x) === Number(y)` otherwise; null only equals null and undefined. Objects (and other exotic
 * values) convert through `toString`/`valueOf`, so for them every loosely keyed rule is a candidate.
 */
export class LiteralBuckets<T extends object> {
  // A bucket of one item (the usual case: one rule per queue) is the item itself, not an array, so a
  // lookup among thousands of rules touches one object less. Items are never arrays.
  private readonly strict = new Map<IndexLiteral, Bucket<T>>();
  private readonly looseByString = new Map<string, Bucket<T>>();
  /** String literals by `Number(literal)`, for number and boolean values. */
  private readonly looseStringByNumber = new Map<number, Bucket<T>>();
  /** Number and boolean literals by `Number(literal)`, for any primitive value. */
  private readonly looseByNumber = new Map<number, Bucket<T>>();
  private readonly looseNull: T[] = [];
  private readonly looseAll: T[] = [];

  /** Add items in ascending order: every bucket then stays sorted. */
  add(item: T, key: IndexKey): void {
    for (const literal of key.values) {
      if (key.strict) {
        addTo(this.strict, literal, item);
      } else if (literal === null) {
        pushOnce(this.looseNull, item);
      } else if (typeof literal === 'string') {
        addTo(this.looseByString, literal, item);
        addTo(this.looseStringByNumber, Number(literal), item);
      } else {
        addTo(this.looseByNumber, Number(literal), item);
      }
    }
    if (!key.strict) {
      pushOnce(this.looseAll, item);
    }
  }

  /** Appends the candidates for `value` to `out`; returns how many non-empty buckets were appended. */
  collect(value: unknown, out: T[]): number {
    let buckets = this.strict.size > 0 ? append(out, this.strict.get(value as IndexLiteral)) : 0;
    if (this.looseAll.length === 0) {
      return buckets;
    }
    if (value === null || value === undefined) {
      return buckets + append(out, this.looseNull);
    }
    const type = typeof value;
    if (type === 'string') {
      buckets += append(out, this.looseByString.get(value as string));
      return buckets + append(out, this.looseByNumber.get(Number(value)));
    }
    if (type === 'number' || type === 'boolean') {
      const number = Number(value);
      buckets += append(out, this.looseByNumber.get(number));
      return buckets + append(out, this.looseStringByNumber.get(number));
    }
    return buckets + append(out, this.looseAll);
  }
}

type Bucket<T> = T | T[];

function addTo<K, T extends object>(map: Map<K, Bucket<T>>, key: K, item: T): void {
  if (typeof key === 'number' && Number.isNaN(key)) {
    return; // NaN equals nothing
  }
  const bucket = map.get(key);
  if (bucket === undefined) {
    map.set(key, item);
  } else if (Array.isArray(bucket)) {
    pushOnce(bucket, item);
  } else if (bucket !== item) {
    map.set(key, [bucket, item]);
  }
}

function pushOnce<T>(bucket: T[], item: T): void {
  if (bucket[bucket.length - 1] !== item) {
    bucket.push(item);
  }
}

function append<T extends object>(out: T[], bucket: Bucket<T> | readonly T[] | undefined): number {
  if (bucket === undefined) {
    return 0;
  }
  if (!Array.isArray(bucket)) {
    out.push(bucket as T);
    return 1;
  }
  if (bucket.length === 0) {
    return 0;
  }
  for (let i = 0; i < bucket.length; i++) {
    out.push(bucket[i] as T);
  }
  return 1;
}
