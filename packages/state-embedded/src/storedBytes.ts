import { mergedFields } from '@switchboard/core/host';
import { Packr } from 'msgpackr';

/**
 * Plain MessagePack (no shared record structures, so a store decodes the same in any process and after
 * any restart); maps decode as objects.
 */
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

/** 2^32: the 8-byte heads are written and read as two 32-bit halves (no BigInt on the hot path). */
const high = 0x1_0000_0000;

/**
 * A stored value: 8 bytes of expiry (epoch ms, big-endian, 0 = none), then the value in MessagePack. The
 * head lets a transaction tell a live value from an expired one without decoding it.
 */
export function encodeStored(value: unknown, expiresAt: number | undefined): Buffer {
  const body = packr.pack(value);
  const bytes = Buffer.allocUnsafe(8 + body.length);
  writeUint64(bytes, expiresAt === undefined ? 0 : Math.max(1, Math.floor(expiresAt)));
  body.copy(bytes, 8);
  return bytes;
}

/** The expiry of a stored value (undefined: none). */
export function expiryOfStored(bytes: Buffer): number | undefined {
  const head = bytes.readUInt32BE(0) * high + bytes.readUInt32BE(4);
  return head === 0 ? undefined : head;
}

/** Writes a whole number below 2^53 as 8 bytes big-endian at `offset` (what `writeBigUInt64BE` writes). */
export function writeUint64(bytes: Buffer, value: number, offset = 0): void {
  bytes.writeUInt32BE(Math.floor(value / high), offset);
  bytes.writeUInt32BE(value % high, offset + 4);
}

/** Whether a stored value (if any) has not expired at `now`. */
export function isLive(bytes: Buffer | undefined, now: number): bytes is Buffer {
  if (bytes === undefined) return false;
  const expiresAt = expiryOfStored(bytes);
  return expiresAt === undefined || expiresAt > now;
}

export function decodeStored(bytes: Buffer): unknown {
  return packr.unpack(bytes.subarray(8));
}

/** A merge's fields, encoded when it is queued (a copy: later changes to them change nothing). */
export function encodeFields(fields: Readonly<Record<string, unknown>>): Buffer {
  return packr.pack(fields);
}

/** The value a merge leaves: the live value's fields with the queued ones over them. */
export function mergeStored(
  current: Buffer | undefined,
  fields: Buffer,
  now: number,
): Record<string, unknown> {
  const base = isLive(current, now) ? decodeStored(current) : undefined;
  return mergedFields(base, packr.unpack(fields) as Record<string, unknown>);
}
