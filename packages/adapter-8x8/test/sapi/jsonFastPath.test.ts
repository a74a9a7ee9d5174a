import { jsonTextTooDeep } from '@switchboard/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeSapiMessage, toSapiEvent } from '../../src/transport/sapi/decodeSapiMessage.js';
import { JsonDocumentScanner } from '../../src/transport/sapi/JsonDocumentScanner.js';
import { SapiStreamParser } from '../../src/transport/sapi/SapiStreamParser.js';

/** The scanner as it was: character by character. The fast one must find the same ends. */
function referenceEnd(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (depth <= 0) return i + 1;
    }
  }
  return -1;
}

/** Text rich in what the scanner must get right: quotes, backslash runs, braces inside and outside strings. */
const jsonish = fc
  .array(fc.constantFrom('{', '}', '[', ']', '"', '\\', '\\\\', '\\"', 'a', ' ', ':', ',', '1', '\n'), {
    maxLength: 80,
  })
  .map((parts) => `{${parts.join('')}`);

/** Cut points: the text is fed in pieces there. */
const cuts = fc.array(fc.nat({ max: 100 }), { maxLength: 6 });

function scan(text: string, cutAt: readonly number[]): { end: number; deepest: number } {
  const scanner = new JsonDocumentScanner();
  const bounds = [...new Set(cutAt.filter((c) => c > 0 && c < text.length))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...bounds, text.length]) {
    const end = scanner.feed(text, from, to);
    if (end >= 0) return { end, deepest: scanner.deepest };
    from = to;
  }
  return { end: -1, deepest: scanner.deepest };
}

describe('the JSON fast path keeps what the character-by-character scan and the old decoder gave', () => {
  test('the scanner finds the same end, whatever the cuts, and measures the depth as jsonTextTooDeep', () => {
    fc.assert(
      fc.property(jsonish, cuts, (text, cutAt) => {
        const { end, deepest } = scan(text, cutAt);
        expect(end).toBe(referenceEnd(text, 0));
        const whole = end >= 0 ? text.slice(0, end) : text;
        for (const limit of [1, 2, 3, 5])
          expect(deepest > limit, `limit ${limit}`).toBe(jsonTextTooDeep(whole, limit));
      }),
      { seed: 190_1, numRuns: 3000 },
    );
  });

  test('escapes across chunk boundaries: a backslash at the end of a chunk escapes the next chunk’s quote', () => {
    const text = '{"a":"x\\\\\\"}","b":"\\\\"}';
    for (let cut = 1; cut < text.length; cut++) expect(scan(text, [cut]).end).toBe(text.length);
  });

  /** SAPI-like documents: strings that read as numbers or booleans, blanks to trim, list fields, __proto__. */
  const leaf = fc.oneof(
    fc.constantFrom(
      'true',
      'false',
      ' 12 ',
      '0123',
      '-1.5e3',
      '+1555',
      '12345678901234567890',
      '',
      ' x',
      'y ',
    ),
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const body = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), fc.array(tie('value'), { maxLength: 3 })),
    object: fc.dictionary(
      fc.oneof(
        fc.constantFrom('attachedData', 'provisioningItems', 'attachedDatum', 'msgInfo', '__proto__'),
        fc.string({ maxLength: 6 }),
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
  })).object;
  const documents = fc.oneof(
    fc
      .record({
        cls: fc.constantFrom('Interaction', 'AgentStatusChange', 'Other'),
        content: fc.oneof(body, leaf),
      })
      .map(({ cls, content }) => JSON.stringify({ [cls]: content })),
    body.map((b) => JSON.stringify(b)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  );

  test('decoding JSON in place gives what typing a copy gave (toSapiEvent of the parsed text)', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const expected = toSapiEvent(JSON.parse(text));
        expect(decodeSapiMessage(text, 'json')).toEqual(expected);
        const frames = new SapiStreamParser({ newlineDelimited: true }).push(`${text}\n`);
        const frame = frames[0];
        if (frame?.kind === 'message')
          expect(decodeSapiMessage(frame.text, 'json', frame.depth)).toEqual(expected);
      }),
      { seed: 190_2, numRuns: 2000 },
    );
  });

  test('the depth measured while framing refuses what nests too deep, as the scan of the text does', () => {
    const deep = `{"Interaction":{"a":${'['.repeat(70)}${']'.repeat(70)}}}\n`;
    const [frame] = new SapiStreamParser({ newlineDelimited: true }).push(deep);
    expect(frame).toMatchObject({ kind: 'message', depth: 72 });
    if (frame?.kind !== 'message') throw new Error('no message');
    expect(decodeSapiMessage(frame.text, 'json', frame.depth)).toEqual({
      ok: false,
      error: 'JSON nested deeper than 64 levels',
    });
  });
});
