/**
 * Pulsar message ids as its WebSocket API shows them: base64 of the `MessageIdData` protobuf (field 1
 * `ledgerId`, field 2 `entryId`, both varints). Opaque to clients: a broker restart may open a new ledger
 * whose ids sort "before" the old ones.
 */

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = BigInt(value);
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0n);
  return bytes;
}

/** The id of entry `entryId` of ledger `ledgerId`. */
export function pulsarMessageId(ledgerId: number, entryId: number): string {
  return Buffer.from([0x08, ...varint(ledgerId), 0x10, ...varint(entryId)]).toString('base64');
}

/** Whether an id holds every character that breaks in a URL when it is not encoded. */
export function hasUrlHostileCharacters(id: string): boolean {
  return id.includes('+') && id.includes('/') && id.includes('=');
}

/** Ledger and entry of an id made by `pulsarMessageId`; undefined for anything else. */
export function parsePulsarMessageId(id: string): { ledgerId: number; entryId: number } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return undefined;
  const bytes = Buffer.from(id, 'base64');
  let at = 0;
  const read = (): number | undefined => {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined || shift > 63n) return undefined;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return Number(value);
      shift += 7n;
    }
  };
  if (bytes[at++] !== 0x08) return undefined;
  const ledgerId = read();
  if (bytes[at++] !== 0x10) return undefined;
  const entryId = read();
  if (ledgerId === undefined || entryId === undefined || at !== bytes.length) return undefined;
  return { ledgerId, entryId };
}
