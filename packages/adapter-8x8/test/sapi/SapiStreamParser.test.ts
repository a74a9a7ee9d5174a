import { describe, expect, test } from 'vitest';
import type { SapiFrame } from '../../src/transport/sapi/SapiFrame.js';
import { SapiStreamParser, type SapiStreamParserOptions } from '../../src/transport/sapi/SapiStreamParser.js';
import { nestedPrefixes } from '../support/nestedPrefixes.js';

const parseAll = (chunks: readonly string[], options: SapiStreamParserOptions = {}): SapiFrame[] => {
  const parser = new SapiStreamParser(options);
  return [...chunks.flatMap((c) => parser.push(Buffer.from(c))), ...parser.end()];
};
/** JSON messages carry the depth measured while framing them (its own tests: jsonFastPath.test.ts). */
const message = (text: string, format: 'json' | 'xml' = 'json'): SapiFrame =>
  format === 'json'
    ? { kind: 'message', format, text, depth: expect.any(Number) }
    : { kind: 'message', format, text };
const bad = (frames: readonly SapiFrame[]) =>
  frames.filter((f) => f.kind === 'invalid' || f.kind === 'unknown');
const good = (frames: readonly SapiFrame[]) => frames.filter((f) => f.kind === 'message');

describe('SapiStreamParser', () => {
  test('a literal Atmosphere stream: padding, handshake, length prefixes, bare and framed X, ClientCheck', () => {
    const event =
      '{"ClientCheck":{"heartbeat":"[HEARTBEAT]","msgInfo":{"instanceId":"i","sequenceId":1,"timestamp":2}}}\n';
    const handshake = '3f2c9c4e-8a1b-4a6e-9b1e-2f9a8c7d6e5f|1669230226093';
    const stream = `${' '.repeat(2048)}\n${handshake.length}|${handshake}X${event.length}|${event}1|X`;
    expect(parseAll([stream])).toEqual([
      { kind: 'handshake', uuid: '3f2c9c4e-8a1b-4a6e-9b1e-2f9a8c7d6e5f', timestamp: 1669230226093 },
      { kind: 'heartbeat' },
      message(event.trim()),
      { kind: 'heartbeat' },
    ]);
  });

  test('a handshake with a heartbeat character suffix', () => {
    expect(parseAll(['abc-1|1700000000000|X{"A":{}}'])).toEqual([
      { kind: 'handshake', uuid: 'abc-1', timestamp: 1700000000000 },
      message('{"A":{}}'),
    ]);
  });

  test('braces and quotes inside JSON strings do not end a message', () => {
    const text = '{"A":{"x":"}{\\"}","y":["]"]}}';
    expect(parseAll([text.slice(0, 9), text.slice(9)])).toEqual([message(text)]);
  });

  test('XML: declaration, comment, CDATA and self-closing elements stay inside one message', () => {
    const xml =
      "<?xml version='1.0' ?><!-- c --><Interaction><a><![CDATA[</Interaction>]]></a><b/></Interaction>";
    expect(parseAll([xml, '<AgentStatusChange/>'])).toEqual([
      message(xml, 'xml'),
      message('<AgentStatusChange/>', 'xml'),
    ]);
  });

  test('a message cut off at the end of the stream is one partial frame; the rest still comes out', () => {
    expect(parseAll(['{"A":{}}\n{"Interaction":{"interactionGUID":"x",'])).toEqual([
      message('{"A":{}}'),
      {
        kind: 'invalid',
        reason: 'partial',
        error: 'the stream ended before the end of the message',
        text: '{"Interaction":{"interactionGUID":"x",',
        chars: 38,
      },
    ]);
  });

  test('a length prefix longer than what arrived waits; cut there, its message is partial', () => {
    const parser = new SapiStreamParser();
    expect(parser.push(Buffer.from('20|{"A":{"b":'))).toEqual([]);
    expect(parser.pending).toBe(10);
    expect(parser.end()).toMatchObject([{ kind: 'invalid', reason: 'partial', text: '{"A":{"b":' }]);
  });

  test('a message ending before its length prefix does comes out at once; the prefix then ends it', () => {
    const parser = new SapiStreamParser();
    expect(parser.push('12|{"A":{}}')).toEqual([message('{"A":{}}')]);
    expect(parser.push('    {"B":{}}')).toEqual([message('{"B":{}}')]);
    expect(parser.push('5|{"C":{"D":{}}')).toEqual([
      {
        kind: 'invalid',
        reason: 'partial',
        error: 'its length prefix ended before the end of the message',
        text: '{"C":',
        chars: 5,
      },
      message('{"D":{}}'),
    ]);
  });

  test('text that is no frame is reported as unknown, by preview and length, and skipped', () => {
    expect(parseAll(['hello there\n{"A":{}}'])).toEqual([
      { kind: 'unknown', text: 'hello there', chars: 11 },
      message('{"A":{}}'),
    ]);
    const long = parseAll([`${'garbage '.repeat(100_000)}\n{"A":{}}`]);
    expect(long).toEqual([
      { kind: 'unknown', text: expect.any(String), chars: 800_000 },
      message('{"A":{}}'),
    ]);
    expect((long[0] as { text: string }).text.length).toBeLessThanOrEqual(240);
  });

  test('UTF-8 characters split between chunks are decoded whole', () => {
    const bytes = Buffer.from('{"A":{"n":"Zoë 日本"}}');
    const parser = new SapiStreamParser();
    const frames = [];
    for (const b of bytes) frames.push(...parser.push(Uint8Array.of(b)));
    expect(frames).toEqual([message('{"A":{"n":"Zoë 日本"}}')]);
  });

  test('the parser can be reused after end()', () => {
    const parser = new SapiStreamParser();
    parser.push(Buffer.from('{"A":'));
    expect(parser.end()).toMatchObject([{ kind: 'invalid', reason: 'partial', text: '{"A":' }]);
    expect(parser.push(Buffer.from('{"B":{}}'))).toEqual([message('{"B":{}}')]);
  });
});

describe('SapiStreamParser: a bad frame costs only itself', () => {
  test('60 KB of nested length prefixes: one rejected frame, no recursion, the events after it come out', () => {
    const nested = nestedPrefixes(60_000, '{"AgentStatusChange":{"agentId":"deep"}}');
    expect(nested.split('|').length).toBeGreaterThan(10_000);
    const before = '{"AgentStatusChange":{"agentId":"before"}}\n';
    const after = '{"AgentStatusChange":{"agentId":"after"}}\n';
    for (const chunkSize of [nested.length * 2, 4096, 7]) {
      const stream = `${before}${nested}\n${after}`;
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += chunkSize) chunks.push(stream.slice(i, i + chunkSize));
      const frames = parseAll(chunks, { newlineDelimited: true });
      expect(good(frames)).toEqual([message(before.trim()), message(after.trim())]);
      expect(bad(frames)).toEqual([
        {
          kind: 'invalid',
          reason: 'malformed',
          error: 'length prefixes nested more than 4 deep',
          text: expect.any(String),
          chars: expect.any(Number),
        },
      ]);
    }
  });

  test('a length prefix reaching past the frame around it: that frame is rejected, the stream goes on', () => {
    const inner = '99|{"A":{}}';
    const frames = parseAll([`${inner.length}|${inner}{"B":{}}`]);
    expect(good(frames)).toEqual([message('{"B":{}}')]);
    expect(bad(frames)).toMatchObject([
      { kind: 'invalid', reason: 'malformed', error: 'a length prefix longer than the frame around it' },
    ]);
  });

  test('NEWLINE_JSON: an event cut short before its line break is dropped; the next line parses', () => {
    const frames = parseAll(['{"Interaction":{"interactionGUID":"x","msgInfo":{"sequenceId":\n{"A":{}}\n'], {
      newlineDelimited: true,
    });
    expect(frames).toEqual([
      {
        kind: 'invalid',
        reason: 'partial',
        error: 'a line break came before the end of the message',
        text: '{"Interaction":{"interactionGUID":"x","msgInfo":{"sequenceId":',
        chars: 62,
      },
      message('{"A":{}}'),
    ]);
  });

  test('XML: an end tag that does not match its start tag rejects the message; the next one parses', () => {
    const broken = '<Interaction><interactionGUID>int-1</interactionGUID></Interactoin>';
    const next = '<AgentStatusChange><agentId>ag1</agentId></AgentStatusChange>';
    const stream = `${broken}\n${next}\n`;
    for (const newlineDelimited of [true, false]) {
      const whole = parseAll([stream], { newlineDelimited });
      for (let at = 0; at <= stream.length; at++)
        expect(
          parseAll([stream.slice(0, at), stream.slice(at)], { newlineDelimited }),
          `split at ${at}`,
        ).toEqual(whole);
      expect(whole).toEqual([
        {
          kind: 'invalid',
          reason: 'malformed',
          error: 'malformed XML: the end tag </Interactoin> does not match <Interaction>',
          text: broken,
          chars: broken.length,
        },
        message(next, 'xml'),
      ]);
    }
    expect(bad(parseAll(['<a><b>x</c></a>']))).toMatchObject([{ reason: 'malformed' }]);
  });

  test('XML: a DOCTYPE (entity declarations) is refused', () => {
    const frames = parseAll([
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><Interaction>&a;</Interaction>\n<A><b>1</b></A>',
    ]);
    expect(bad(frames)[0]).toMatchObject({ kind: 'invalid', reason: 'malformed', error: /DOCTYPE/ });
    expect(good(frames).at(-1)).toEqual(message('<A><b>1</b></A>', 'xml'));
  });

  test('XML: an event cut short ends where the next event begins, with or without a line break', () => {
    const next = '<AgentStatusChange><agentId>ag1</agentId></AgentStatusChange>';
    for (const gap of ['\n', '']) {
      const frames = parseAll([`<Interaction><callState>CS_QUE${gap}${next}`]);
      expect(frames).toEqual([
        {
          kind: 'invalid',
          reason: 'partial',
          error: 'the next message began before the end of this one',
          text: `<Interaction><callState>CS_QUE${gap}`,
          chars: 30 + gap.length,
        },
        message(next, 'xml'),
      ]);
    }
  });

  test('XML: a tag cut short inside an attribute value ends at the next markup', () => {
    const next = '<AgentStatusChange><agentId>ag1</agentId></AgentStatusChange>';
    const frames = parseAll([`<Interaction><a x="1\n${next}`]);
    expect(bad(frames)).toMatchObject([
      { kind: 'invalid', reason: 'malformed', error: 'malformed XML: an unfinished attribute in the tag <a' },
    ]);
    expect(good(frames)).toEqual([message(next, 'xml')]);
  });

  test('a message over the size limit is dropped whole and counted; the parser keeps none of it', () => {
    const parser = new SapiStreamParser({ maxMessageChars: 1024 });
    const big = `{"Interaction":{"note":"${'x'.repeat(100_000)}"}}`;
    const frames: SapiFrame[] = [];
    for (let i = 0; i < big.length; i += 1000) frames.push(...parser.push(big.slice(i, i + 1000)));
    frames.push(...parser.push('\n{"A":{}}\n'), ...parser.end());
    expect(frames).toEqual([
      {
        kind: 'invalid',
        reason: 'oversized',
        error: 'a message longer than 1024 characters',
        text: expect.stringMatching(/^\{"Interaction":\{"note":"x+$/),
        chars: big.length,
      },
      message('{"A":{}}'),
    ]);
  });
});
