import { describe, expect, test } from 'vitest';
import { validateThirdPartyRequest } from '../src/mapping/validateThirdPartyRequest.js';
import { fixture } from './support/fixtures.js';

describe('validateThirdPartyRequest', () => {
  test.each(['request-2016', 'request-2017', 'request-2024', 'request-direct-call'])('accepts %s', (name) => {
    expect(validateThirdPartyRequest(fixture(name))).toEqual({ ok: true, body: fixture(name) });
  });

  test.each([
    [[1, 2], 'the request body must be object'],
    ['hello', 'the request body must be object'],
    [{ caller: '1001' }, 'the request body is missing the required property `user`'],
    [{ user: 'James' }, '`user` must be object'],
    [{ user: { userId: 4.5 } }, '`user.userId` must be integer,string'],
    [{ user: {}, queue: 'trucks' }, '`queue` must be object,null'],
    [{ user: { token: 42 } }, '`user.token` must be string'],
    [{ user: {}, caller: { number: 1 } }, '`caller` must be string,number'],
  ])('rejects %j', (body, message) => {
    expect(validateThirdPartyRequest(body)).toEqual({ ok: false, error: message });
  });
});
