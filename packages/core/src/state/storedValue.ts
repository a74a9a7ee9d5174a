/** A value as a backend keeps it: the value and, when it has a TTL, the epoch ms it expires at. */
export interface StoredValue {
  readonly v: unknown;
  readonly e?: number;
}

/** A stored value that has not expired at `now`, else undefined. */
export function liveValue(stored: StoredValue | undefined, now: number): StoredValue | undefined {
  if (stored === undefined) return undefined;
  return stored.e !== undefined && stored.e <= now ? undefined : stored;
}

/** The epoch ms a write with `ttlMs` expires at (none without a TTL). */
export function expiryOf(ttlMs: number | undefined, now: number): number | undefined {
  return ttlMs === undefined ? undefined : now + Math.max(0, ttlMs);
}

/** The object a `merge` produces: the live value's own fields (when it is an object) with `fields` over them. */
export function mergedFields(
  current: unknown,
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const base: Record<string, unknown> =
    typeof current === 'object' && current !== null && !Array.isArray(current)
      ? { ...(current as Record<string, unknown>) }
      : {};
  for (const key of Object.keys(fields)) if (key !== '__proto__') base[key] = fields[key];
  return base;
}
