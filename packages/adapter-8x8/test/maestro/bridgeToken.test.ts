import { describe, expect, test } from 'vitest';
import { createBridgeToken, verifyBridgeToken } from '../../src/transport/maestro/bridgeToken.js';

const secret = 'a-long-bridge-secret-value';

describe('bridge tokens', () => {
  test('a token verifies for its agent until it expires, and only with its secret', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const token = createBridgeToken({ secret, agentId: 'agent-a', expiresInSeconds: 60, now });
    expect(verifyBridgeToken(secret, 'agent-a', token, now)).toBe(true);
    expect(verifyBridgeToken(secret, 'agent-b', token, now)).toBe(false);
    expect(verifyBridgeToken(`${secret}x`, 'agent-a', token, now)).toBe(false);
    expect(verifyBridgeToken(secret, 'agent-a', token, now + 61_000)).toBe(false);
    expect(verifyBridgeToken(secret, 'agent-a', token.replace(/.$/, 'A'), now)).toBe(token.endsWith('A'));
    expect(verifyBridgeToken(secret, 'agent-a', 'v1.x.y', now)).toBe(false);
    expect(verifyBridgeToken(secret, 'agent-a', '', now)).toBe(false);
  });
});
