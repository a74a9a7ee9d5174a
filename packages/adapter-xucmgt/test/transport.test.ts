import { describe, expect, test } from 'vitest';
import { checkKey } from '../src/transport/checkKey.js';
import { CorsPolicy } from '../src/transport/corsPolicy.js';
import { classifyError } from '../src/transport/httpErrors.js';
import type { XucmgtOptions } from '../src/XucmgtOptions.js';

const options = (o: Partial<XucmgtOptions>): XucmgtOptions => ({
  allowedOrigins: [],
  allowCredentials: false,
  allowedHeaders: ['Content-Type'],
  answerTimeout: 1000,
  bodyLimit: 4096,
  paneTtl: 60,
  repeatWindow: 10,
  ...o,
});

describe('CorsPolicy', () => {
  test('an allowlist allows its origins (any case) and requests without Origin', () => {
    const policy = new CorsPolicy(options({ allowedOrigins: ['https://xuc.example:8443'] }));
    expect(policy.allows('https://xuc.example:8443')).toBe(true);
    expect(policy.allows('HTTPS://XUC.EXAMPLE:8443')).toBe(true);
    expect(policy.allows('https://xuc.example')).toBe(false);
    expect(policy.allows('null')).toBe(false);
    expect(policy.allows(undefined)).toBe(true);
    expect(policy.frameAncestors()).toBe('https://xuc.example:8443');
    expect(typeof policy.fastifyOptions().origin).toBe('function');
  });

  test('* means any origin: a literal * without credentials, the origin reflected with them', () => {
    expect(new CorsPolicy(options({ allowedOrigins: ['*'] })).fastifyOptions().origin).toBe('*');
    const withCookies = new CorsPolicy(options({ allowedOrigins: ['*'], allowCredentials: true }));
    expect(typeof withCookies.fastifyOptions().origin).toBe('function');
    expect(withCookies.fastifyOptions().credentials).toBe(true);
    expect(withCookies.allows('http://anything')).toBe(true);
    expect(withCookies.frameAncestors()).toBe('*');
  });

  test('an empty allowlist lets no browser in and no page frame the pane', () => {
    const policy = new CorsPolicy(options({}));
    expect(policy.allows('https://xuc.example')).toBe(false);
    expect(policy.frameAncestors()).toBe("'none'");
  });
});

describe('classifyError', () => {
  test.each([
    [{ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }, 413, 'body-too-large'],
    [{ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }, 415, 'unsupported-media-type'],
    [{ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }, 400, 'invalid-json'],
    [{ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }, 400, 'invalid-json'],
    [Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 }), 400, 'invalid-json'],
    [{ code: 'SWB_XUCMGT_JSON_TOO_DEEP', statusCode: 400 }, 400, 'too-deep'],
    // codes are looked up in a Map: an error code that names an Object member finds nothing
    [{ code: 'constructor', statusCode: 400, message: 'odd' }, 400, 'bad-request'],
    [{ code: '__proto__', message: 'odd' }, 500, 'internal'],
    [{ statusCode: 404, message: 'Not Found' }, 404, 'bad-request'],
    [new Error('boom'), 500, 'internal'],
  ])('%j → %i %s', (error, status, name) => {
    const classified = classifyError(error);
    expect(classified.status).toBe(status);
    expect(classified.reply.error).toBe(name);
    if (status === 500) expect(classified.reply.message).not.toContain('boom');
  });
});

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
