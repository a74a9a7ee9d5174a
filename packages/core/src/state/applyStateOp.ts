import type { StateOp } from '../contract/StateStore.js';
import { expiryOf, liveValue, mergedFields, type StoredValue } from './storedValue.js';

/** A key-value map a backend applies ops to inside one transaction (its reads see the writes before). */
export interface StateOpTarget {
  read(key: string): StoredValue | undefined;
  write(key: string, stored: StoredValue): void;
  remove(key: string): void;
}

/**
 * Applies one op at `now`, the same way in every backend that can read inside its transaction:
 * expired values count as absent. Returns false only for a `setIfAbsent` that found a live value.
 */
export function applyStateOp(target: StateOpTarget, op: StateOp, now: number): boolean {
  switch (op.op) {
    case 'set':
      target.write(op.key, stored(op.value, expiryOf(op.ttlMs, now)));
      return true;
    case 'setIfAbsent':
      if (liveValue(target.read(op.key), now) !== undefined) return false;
      target.write(op.key, stored(op.value, expiryOf(op.ttlMs, now)));
      return true;
    case 'merge': {
      const current = liveValue(target.read(op.key), now);
      const expiry = op.ttlMs === undefined ? current?.e : expiryOf(op.ttlMs, now);
      target.write(op.key, stored(mergedFields(current?.v, op.fields), expiry));
      return true;
    }
    case 'delete':
      target.remove(op.key);
      return true;
  }
}

const stored = (v: unknown, e: number | undefined): StoredValue => (e === undefined ? { v } : { v, e });
