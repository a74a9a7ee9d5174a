import { writeUint64 } from './storedBytes.js';

/** A namespace and key as one LMDB key: UTF-8 bytes of `namespace NUL key`, so byte order is key order. */
export function keyBytes(namespace: string, key: string): Buffer {
  return Buffer.from(`${namespace}\u0000${key}`, 'utf8');
}

/** The range of every key of a namespace that starts with `prefix` (UTF-8 never holds a 0xFF byte). */
export function prefixRange(namespace: string, prefix: string): { start: Buffer; end: Buffer } {
  const start = keyBytes(namespace, prefix);
  return { start, end: Buffer.concat([start, Buffer.from([0xff])]) };
}

/** The expiry index key: the expiry (ms, big-endian) then the store key, so a range up to now finds the expired. */
export function expiryKey(expiresAt: number, key: Buffer): Buffer {
  const bytes = Buffer.allocUnsafe(8 + key.length);
  writeUint64(bytes, Math.max(0, Math.floor(expiresAt)));
  key.copy(bytes, 8);
  return bytes;
}

/** The start of the index range after `now` (exclusive end of what has expired). */
export function expiryBound(now: number): Buffer {
  const head = Buffer.alloc(8);
  writeUint64(head, Math.max(0, Math.floor(now)) + 1);
  return head;
}
