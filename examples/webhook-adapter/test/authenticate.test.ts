import { describe, expect, test } from 'vitest';
import { signBody, verifyBearer, verifyHmac } from '../src/index.js';

const token = 'a-bearer-token-of-some-length';
const hmac = {
  secret: 'an-hmac-secret-of-some-length',
  header: 'X-Hub-Signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
} as const;
const body = Buffer.from('{"type":"order-created","order":"A-42"}');

describe('bearer tokens', () => {
  test('accepts the configured token, whatever the case of the scheme', () => {
    expect(verifyBearer({ authorization: `Bearer ${token}` }, token)).toBe(true);
    expect(verifyBearer({ authorization: `bearer ${token}` }, token)).toBe(true);
  });

  test.each([
    ['no header', {}],
    ['another token', { authorization: 'Bearer a-bearer-token-of-some-lengtX' }],
    ['a prefix of the token', { authorization: 'Bearer a-bearer-token' }],
    ['the token with more after it', { authorization: `Bearer ${token}x` }],
    ['another scheme', { authorization: `Basic ${token}` }],
    ['the bare token', { authorization: token }],
    ['two headers', { authorization: [`Bearer ${token}`, `Bearer ${token}`] }],
  ])('refuses %s', (_what, headers) => {
    expect(verifyBearer(headers, token)).toBe(false);
  });
});

describe('HMAC signatures', () => {
  const signature = signBody(body, hmac);

  test('accepts the HMAC of the raw body, in any case of hex', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyHmac({ 'x-hub-signature-256': signature }, body, hmac)).toBe(true);
    expect(verifyHmac({ 'x-hub-signature-256': signature.toUpperCase() }, body, hmac)).toBe(true);
  });

  test('refuses a changed body, a missing or truncated signature, another secret', () => {
    const changed = Buffer.from('{"type":"order-created","order":"A-43"}');
    expect(verifyHmac({ 'x-hub-signature-256': signature }, changed, hmac)).toBe(false);
    expect(verifyHmac({}, body, hmac)).toBe(false);
    expect(verifyHmac({ 'x-hub-signature-256': signature.slice(0, -2) }, body, hmac)).toBe(false);
    const other = signBody(body, { ...hmac, secret: 'another-secret-of-some-length' });
    expect(verifyHmac({ 'x-hub-signature-256': other }, body, hmac)).toBe(false);
  });

  test('supports base64 digests and other algorithms', () => {
    const b64 = { ...hmac, encoding: 'base64', algorithm: 'sha512', prefix: '' } as const;
    const sig = signBody(body, b64);
    expect(verifyHmac({ 'x-hub-signature-256': sig }, body, b64)).toBe(true);
    expect(verifyHmac({ 'x-hub-signature-256': sig.toLowerCase() }, body, b64)).toBe(false);
  });
});
