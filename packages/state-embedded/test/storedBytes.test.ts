import { describe, expect, it } from 'vitest';
import { expiryBound, expiryKey } from '../src/keyBytes.js';
import { encodeStored, expiryOfStored, writeUint64 } from '../src/storedBytes.js';

/** The 8-byte heads as the first format wrote them (BigInt, big-endian): stores on disk hold these bytes. */
function bigIntHead(value: number): Buffer {
  const head = Buffer.alloc(8);
  head.writeBigUInt64BE(BigInt(value));
  return head;
}

/** Whole numbers from 0 to 2^53 - 1: the edges, then a fixed pseudo-random spread (deterministic). */
function samples(): number[] {
  const values = [0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, Date.now(), 2 ** 53 - 1];
  let seed = 20261201;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const high = seed % 2 ** 21;
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    values.push(high * 2 ** 32 + ((seed * 2) % 2 ** 32));
  }
  return values;
}

describe('stored value and expiry index heads', () => {
  it('writes the same 8 bytes as the BigInt writer they replace, and reads them back', () => {
    for (const value of samples()) {
      const bytes = Buffer.alloc(8);
      writeUint64(bytes, value);
      expect(bytes.equals(bigIntHead(value)), String(value)).toBe(true);
      const key = Buffer.from('pbx\u0000c/evt/1');
      expect(expiryKey(value, key).equals(Buffer.concat([bigIntHead(value), key])), String(value)).toBe(true);
      if (value < 2 ** 53 - 1)
        expect(expiryBound(value).equals(bigIntHead(value + 1)), String(value)).toBe(true);
      if (value > 0) {
        const stored = encodeStored({ s: 'done' }, value);
        expect(stored.subarray(0, 8).equals(bigIntHead(value))).toBe(true);
        expect(expiryOfStored(stored)).toBe(value);
      }
    }
    expect(expiryOfStored(encodeStored('x', undefined))).toBeUndefined();
    expect(encodeStored('x', undefined).subarray(0, 8).equals(bigIntHead(0))).toBe(true);
  });
});
