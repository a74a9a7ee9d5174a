import { describe, expect, test } from 'vitest';
import { checkKey } from '../src/transport/checkKey.js';

describe('checkKey', () => {
  const secret = 's3cret-s3cret-s3cret';
  test('passes everything without a secret', () => {
    expect(checkKey(undefined, undefined)).toEqual({ ok: true });
    expect(checkKey('anything', undefined)).toEqual({ ok: true });
  });

  test('with a secret: only that exact key', () => {
    expect(checkKey(secret, secret)).toEqual({ ok: true });
    expect(checkKey(undefined, secret)).toEqual({ ok: false, problem: 'no key' });
    expect(checkKey('', secret)).toEqual({ ok: false, problem: 'no key' });
    expect(checkKey(`${secret}x`, secret)).toEqual({ ok: false, problem: 'wrong key' });
    expect(checkKey(secret.slice(1), secret)).toEqual({ ok: false, problem: 'wrong key' });
    expect(checkKey([secret, secret], secret)).toEqual({ ok: false, problem: 'several keys' });
    expect(checkKey({ key: secret }, secret)).toEqual({ ok: false, problem: 'no key' });
  });
});
