import { describe, expect, test } from 'vitest';
import { hasUrlHostileCharacters, pulsarMessageId } from '../../src/testing/pulsarMessageId.js';
import { readerUrl } from '../../src/transport/eventStream/readerUrl.js';
import { eventStreamOrigin } from '../../src/transport/eventStream/regions.js';

const base = {
  origin: 'wss://pulsar-ws-euw2.8x8.com',
  tenant: 'acmecorp01',
  topic: 'event-v1/all',
  receiverQueueSize: 1000,
  readerName: 'switchboard-cc-host',
};

describe('readerUrl', () => {
  test('the reader path of tenant, namespace and topic, starting where told', () => {
    expect(readerUrl({ ...base, start: { kind: 'latest' } })).toBe(
      'wss://pulsar-ws-euw2.8x8.com/ws/v2/reader/persistent/acmecorp01/event-v1/all?messageId=latest&receiverQueueSize=1000&readerName=switchboard-cc-host',
    );
    expect(readerUrl({ ...base, topic: 'agent-v1/ag1', start: { kind: 'earliest' } })).toContain(
      '/persistent/acmecorp01/agent-v1/ag1?messageId=earliest&',
    );
  });

  test('a message id with +, / and = comes back whole from the query, as a servlet decodes it', () => {
    const id = pulsarMessageId(1015615, 128);
    expect(hasUrlHostileCharacters(id)).toBe(true);
    const url = new URL(readerUrl({ ...base, start: { kind: 'after', messageId: id } }));
    // URLSearchParams decodes like Jetty: an unencoded `+` would come back as a space.
    expect(url.searchParams.get('messageId')).toBe(id);
    expect(url.search).not.toMatch(/messageId=[^&]*[+/=]/);
  });

  test('regions map to 8x8 hosts; url overrides', () => {
    expect(eventStreamOrigin({ region: 'use1' })).toBe('wss://pulsar-ws-use1.8x8.com');
    expect(eventStreamOrigin({ region: 'usw2' })).toBe('wss://pulsar-ws-usw2.8x8.com');
    expect(eventStreamOrigin({ url: 'ws://127.0.0.1:9' })).toBe('ws://127.0.0.1:9');
    expect(eventStreamOrigin({ url: 'http://127.0.0.1:9' })).toBe('ws://127.0.0.1:9');
    expect(eventStreamOrigin({ url: 'https://proxy.example.com' })).toBe('wss://proxy.example.com');
  });
});
