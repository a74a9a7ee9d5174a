import { isRecord } from '@switchboard/core';

/**
 * `attachedData.attachedDatum[]` (`{attachedDataKey, attachedDataValue}` pairs) → a flat object, values
 * as decoded (numbers stay numbers, `"+15515557212"` stays a string). A key given twice keeps the last.
 */
export function flattenAttachedData(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const container = body.attachedData;
  const items = isRecord(container) ? container.attachedDatum : undefined;
  const out: Record<string, unknown> = {};
  if (!Array.isArray(items)) return out;
  for (const item of items) {
    if (!isRecord(item)) continue;
    const key = item.attachedDataKey;
    if (typeof key !== 'string' && typeof key !== 'number') continue;
    const name = String(key);
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') continue;
    out[name] = item.attachedDataValue ?? '';
  }
  return out;
}
