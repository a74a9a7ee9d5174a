import { readFileSync } from 'node:fs';
import type { SapiWireEvent } from '../../src/testing/sapiEncoding.js';
import { toSapiEvent } from '../../src/transport/sapi/decodeSapiMessage.js';
import type { SapiEvent } from '../../src/transport/sapi/SapiEvent.js';

const fixture = new URL('../fixtures/sapi-recorded.ndjson', import.meta.url);

/** The recorded SAPI events (NEWLINE_JSON lines from 8x8's samples, plus awkward values). */
export function recordedWireEvents(): SapiWireEvent[] {
  return readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const document = JSON.parse(line) as Record<string, Record<string, unknown>>;
      const [type, body] = Object.entries(document)[0]!;
      return { type, body };
    });
}

/** What decoding each recorded event must give. */
export function recordedEvents(): SapiEvent[] {
  return recordedWireEvents().map((e) => {
    const decoded = toSapiEvent({ [e.type]: e.body });
    if (!decoded.ok) throw new Error(decoded.error);
    return decoded.event;
  });
}
