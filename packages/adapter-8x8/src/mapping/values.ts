/** Small readers for SAPI and Maestro values, whose JSON types vary from message to message. */

/** A non-empty string for strings and numbers; undefined for anything else or blanks. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A finite number from a number or a numeric string. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** `true`/`"true"` → true, `false`/`"false"` → false. */
export function bool(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** The last time formatted: the events of a burst share their second, and formatting is not free. */
let lastIso: { ms: number; iso: string | undefined } = { ms: Number.NaN, iso: undefined };

/** An ISO 8601 time for milliseconds since the epoch; undefined outside what a `Date` can hold. */
function isoOrUndefined(ms: number): string | undefined {
  if (ms === lastIso.ms) return lastIso.iso;
  const date = new Date(ms);
  const iso = Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  lastIso = { ms, iso };
  return iso;
}

/** Seconds since the epoch → ISO 8601, undefined for missing, zero or out-of-range values. */
export function isoFromSeconds(value: unknown): string | undefined {
  const n = num(value);
  return n !== undefined && n > 0 ? isoOrUndefined(n * 1000) : undefined;
}

/** Milliseconds since the epoch → ISO 8601, undefined for missing, zero or out-of-range values. */
export function isoFromMillis(value: unknown): string | undefined {
  const n = num(value);
  return n !== undefined && n > 0 ? isoOrUndefined(n) : undefined;
}

/** Copies the entries whose value is not undefined (the normalized schema forbids undefined-only keys). */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) if (record[k] !== undefined) out[k] = record[k];
  return out as T;
}
