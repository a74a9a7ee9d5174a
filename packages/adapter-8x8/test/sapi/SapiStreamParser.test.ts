import { describe, expect, test } from 'vitest';
import { SapiStreamParser } from '../../src/sapi/SapiStreamParser.js';

const parseAll = (...chunks: string[]) => {
  const parser = new SapiStreamParser();
  const frames = chunks.flatMap((c) => parser.push(Buffer.from(c)));
  const end = parser.end();
  return { frames: [...frames, ...end.frames], partial: end.partial };
};

describe('SapiStreamParser', () => {
  test('a literal Atmosphere stream: padding, handshake, length prefixes, bare and framed X, ClientCheck', () => {
    const event =
      '{"ClientCheck":{"heartbeat":"[HEARTBEAT]","msgInfo":{"instanceId":"i","sequenceId":1,"timestamp":2}}}\n';
    const handshake = '3f2c9c4e-8a1b-4a6e-9b1e-2f9a8c7d6e5f|1669230226093';
    const stream = `${' '.repeat(2048)}\n${handshake.length}|${handshake}X${event.length}|${event}1|X`;
    const { frames, partial } = parseAll(stream);
    expect(partial).toBe('');
    expect(frames).toEqual([
      { kind: 'handshake', uuid: '3f2c9c4e-8a1b-4a6e-9b1e-2f9a8c7d6e5f', timestamp: 1669230226093 },
      { kind: 'heartbeat' },
      { kind: 'message', format: 'json', text: event.trim() },
      { kind: 'heartbeat' },
    ]);
  });

  test('a handshake with a heartbeat character suffix', () => {
    expect(parseAll('abc-1|1700000000000|X{"A":{}}').frames).toEqual([
      { kind: 'handshake', uuid: 'abc-1', timestamp: 1700000000000 },
      { kind: 'message', format: 'json', text: '{"A":{}}' },
    ]);
  });

  test('braces and quotes inside JSON strings do not end a message', () => {
    const text = '{"A":{"x":"}{\\"}","y":["]"]}}';
    expect(parseAll(text.slice(0, 9), text.slice(9)).frames).toEqual([
      { kind: 'message', format: 'json', text },
    ]);
  });

  test('XML: declaration, comment, CDATA and self-closing elements stay inside one message', () => {
    const xml =
      "<?xml version='1.0' ?><!-- c --><Interaction><a><![CDATA[</Interaction>]]></a><b/></Interaction>";
    expect(parseAll(xml, '<AgentStatusChange/>').frames).toEqual([
      { kind: 'message', format: 'xml', text: xml },
      { kind: 'message', format: 'xml', text: '<AgentStatusChange/>' },
    ]);
  });

  test('a message cut off at the end of the stream is returned as partial, the rest still comes out', () => {
    const { frames, partial } = parseAll('{"A":{}}\n{"Interaction":{"interactionGUID":"x",');
    expect(frames).toEqual([{ kind: 'message', format: 'json', text: '{"A":{}}' }]);
    expect(partial).toBe('{"Interaction":{"interactionGUID":"x",');
  });

  test('a length prefix longer than what arrived waits; cut there it is partial', () => {
    const parser = new SapiStreamParser();
    expect(parser.push(Buffer.from('20|{"A":{}}'))).toEqual([]);
    expect(parser.end().partial).toBe('20|{"A":{}}');
  });

  test('text that is no frame is reported as unknown and skipped', () => {
    expect(parseAll('hello there\n{"A":{}}').frames).toEqual([
      { kind: 'unknown', text: 'hello there' },
      { kind: 'message', format: 'json', text: '{"A":{}}' },
    ]);
  });

  test('UTF-8 characters split between chunks are decoded whole', () => {
    const bytes = Buffer.from('{"A":{"n":"Zoë 日本"}}');
    const parser = new SapiStreamParser();
    const frames = [];
    for (const b of bytes) frames.push(...parser.push(Uint8Array.of(b)));
    expect(frames).toEqual([{ kind: 'message', format: 'json', text: '{"A":{"n":"Zoë 日本"}}' }]);
  });

  test('the parser can be reused after end()', () => {
    const parser = new SapiStreamParser();
    parser.push(Buffer.from('{"A":'));
    expect(parser.end().partial).toBe('{"A":');
    expect(parser.push(Buffer.from('{"B":{}}'))).toEqual([
      { kind: 'message', format: 'json', text: '{"B":{}}' },
    ]);
  });
});
