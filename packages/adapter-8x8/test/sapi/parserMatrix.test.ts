import { describe, expect, test } from 'vitest';
import {
  atmosphereFraming,
  encodeSapiStream,
  plainFraming,
  type RecordedStreamOptions,
  type SapiFraming,
} from '../../src/testing/sapiEncoding.js';
import { decodeSapiMessage } from '../../src/transport/sapi/decodeSapiMessage.js';
import type { SapiEvent } from '../../src/transport/sapi/SapiEvent.js';
import type { SapiFrame } from '../../src/transport/sapi/SapiFrame.js';
import { SapiStreamParser, type SapiStreamParserOptions } from '../../src/transport/sapi/SapiStreamParser.js';
import { recordedEvents, recordedWireEvents } from '../support/recordedEvents.js';

interface Variant {
  readonly name: string;
  readonly framing: SapiFraming;
  readonly options: RecordedStreamOptions;
}

const variants: Variant[] = [
  { name: 'newline-delimited', framing: plainFraming, options: { newline: true } },
  { name: 'back to back, no newline', framing: plainFraming, options: { newline: false } },
  { name: 'whitespace padding', framing: { ...plainFraming, padding: 300 }, options: { newline: true } },
  {
    name: 'uuid|timestamp handshake',
    framing: { ...plainFraming, handshake: true },
    options: { newline: false },
  },
  {
    name: 'length|message prefixes',
    framing: { ...plainFraming, lengthPrefix: true },
    options: { newline: true },
  },
  {
    name: 'length prefixes, no newline, XML declaration each time',
    framing: { ...plainFraming, lengthPrefix: true, xmlDeclaration: 'each' },
    options: { newline: false },
  },
  {
    name: 'bare X heartbeats between events',
    framing: plainFraming,
    options: { newline: false, heartbeatEvery: 1 },
  },
  {
    name: 'everything Atmosphere does at once',
    framing: { ...atmosphereFraming, padding: 512 },
    options: { newline: true, heartbeatEvery: 2, heartbeat: 'framed' },
  },
];

const expected = recordedEvents();
const wire = recordedWireEvents();

/** Decoding is pure and tested on its own; the matrix decodes each distinct message text once. */
const decoded = new Map<string, SapiEvent | string>();
function decode(frame: SapiFrame): SapiEvent | string {
  if (frame.kind !== 'message') return `${frame.kind}`;
  const key = `${frame.format}\u0000${frame.text}`;
  let value = decoded.get(key);
  if (value === undefined) {
    const result = decodeSapiMessage(frame.text, frame.format);
    value = result.ok ? result.event : `error: ${result.error}`;
    decoded.set(key, value);
  }
  return value;
}

function eventsOf(frames: readonly SapiFrame[]): (SapiEvent | string)[] {
  return frames.filter((f) => f.kind !== 'heartbeat' && f.kind !== 'handshake').map(decode);
}

function parseSplit(bytes: Uint8Array, at: number, options: SapiStreamParserOptions): SapiFrame[] {
  const parser = new SapiStreamParser(options);
  return [...parser.push(bytes.subarray(0, at)), ...parser.push(bytes.subarray(at)), ...parser.end()];
}

describe('SAPI stream parser matrix: every framing × every byte boundary × JSON and XML', () => {
  for (const format of ['json', 'xml'] as const) {
    for (const variant of variants) {
      // The parser set for newline-delimited output must read streams without line breaks too, and back.
      for (const newlineDelimited of [true, false]) {
        test(`${format}: ${variant.name}, parser ${newlineDelimited ? 'for' : 'not for'} NEWLINE_*`, () => {
          const options = { newlineDelimited };
          const bytes = Buffer.from(encodeSapiStream(wire, format, variant.framing, variant.options));
          const whole = parseSplit(bytes, bytes.length, options);
          expect(eventsOf(whole)).toEqual(expected);
          if (variant.framing.handshake) {
            expect(whole[0]).toEqual({
              kind: 'handshake',
              uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
              timestamp: 1669230226093,
            });
          }
          const heartbeats = whole.filter((f) => f.kind === 'heartbeat').length;
          expect(heartbeats).toBe(
            variant.options.heartbeatEvery ? Math.floor(wire.length / variant.options.heartbeatEvery) : 0,
          );

          const messages = whole.filter((f) => f.kind === 'message');
          const failures: number[] = [];
          for (let at = 0; at <= bytes.length; at++) {
            const events = eventsOf(parseSplit(bytes, at, options));
            const same =
              events.length === expected.length && events.every((e, i) => e === decode(messages[i]!));
            if (!same) failures.push(at);
          }
          expect(failures, `split points that changed the result (of ${bytes.length + 1})`).toEqual([]);

          const byteByByte = new SapiStreamParser(options);
          const frames: SapiFrame[] = [];
          for (let i = 0; i < bytes.length; i++) frames.push(...byteByByte.push(bytes.subarray(i, i + 1)));
          frames.push(...byteByByte.end());
          expect(eventsOf(frames)).toEqual(expected);
        });
      }
    }
  }

  test('JSON and XML of the same events decode to the same values', () => {
    for (const variant of variants) {
      const options = { newlineDelimited: variant.options.newline ?? false };
      const json = parseSplit(
        Buffer.from(encodeSapiStream(wire, 'json', variant.framing, variant.options)),
        0,
        options,
      );
      const xml = parseSplit(
        Buffer.from(encodeSapiStream(wire, 'xml', variant.framing, variant.options)),
        0,
        options,
      );
      expect(eventsOf(xml)).toEqual(eventsOf(json));
    }
  });
});
