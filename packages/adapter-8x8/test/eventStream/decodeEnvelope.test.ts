import { describe, expect, test } from 'vitest';
import { pulsarEnvelope } from '../../src/testing/pulsarEnvelope.js';
import { agentStatusBody } from '../../src/testing/sapiSamples.js';
import { decodeEnvelope } from '../../src/transport/eventStream/decodeEnvelope.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('decodeEnvelope', () => {
  test("a reader message: the payload is SAPI's event JSON, decoded the way SAPI's is", () => {
    const envelope = pulsarEnvelope(
      'CAcQAA==',
      { type: 'AgentStatusChange', body: agentStatusBody('ag1', 5, 1) },
      0,
    );
    const decoded = decodeEnvelope(
      JSON.stringify({ ...envelope, publishTime: '2026-12-01T20:01:02.5+01:00' }),
    );
    expect(decoded).toMatchObject({
      kind: 'message',
      messageId: 'CAcQAA==',
      event: { type: 'AgentStatusChange', body: { agentId: 'ag1', newState: 5 } },
      publishedAt: Date.parse('2026-12-01T19:01:02.500Z'),
      redeliveryCount: 0,
    });
  });

  test.each([
    ['not JSON', '{"messageId":', 'malformed-envelope', undefined],
    ['no messageId', JSON.stringify({ payload: b64('{}') }), 'malformed-envelope', undefined],
    ['an array', '[1]', 'malformed-envelope', undefined],
    [
      'payload not base64',
      JSON.stringify({ messageId: 'X', payload: 'no base64!' }),
      'malformed-payload',
      'X',
    ],
    ['payload not JSON', JSON.stringify({ messageId: 'X', payload: b64('{oops') }), 'malformed-payload', 'X'],
    [
      'payload with two classes',
      JSON.stringify({ messageId: 'X', payload: b64('{"A":{},"B":{}}') }),
      'malformed-payload',
      'X',
    ],
    [
      'payload nested too deep',
      JSON.stringify({ messageId: 'X', payload: b64(`${'['.repeat(100)}${']'.repeat(100)}`) }),
      'malformed-payload',
      'X',
    ],
    [
      'envelope nested too deep',
      `{"messageId":"X","p":${'['.repeat(100)}${']'.repeat(100)}}`,
      'malformed-envelope',
      undefined,
    ],
  ])('%s: invalid, with the id when it had one', (_name, text, reason, messageId) => {
    const decoded = decodeEnvelope(text);
    expect(decoded.kind).toBe('invalid');
    expect(decoded).toMatchObject({ reason });
    expect((decoded as { messageId?: string }).messageId).toBe(messageId);
  });
});
