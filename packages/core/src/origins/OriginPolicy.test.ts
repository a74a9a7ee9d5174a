import { describe, expect, test } from 'vitest';
import { allowList, anyCases, originCases } from '../../test/support/originTable.js';
import { OriginPolicy } from './OriginPolicy.js';

describe('OriginPolicy: one policy for every HTTP route and browser socket', () => {
  const policy = OriginPolicy.from(allowList, 'origins');
  test.each(originCases)(
    '$origin → socket $socket, request $request ($why)',
    ({ origin, socket, request }) => {
      expect(policy.allowsSocket(origin).ok).toBe(socket);
      expect(policy.allowsRequest(origin).ok).toBe(request);
    },
  );

  const any = OriginPolicy.from('*', 'origins');
  test.each(anyCases)(
    '* : $origin → socket $socket, request $request ($why)',
    ({ origin, socket, request }) => {
      expect(any.allowsSocket(origin).ok).toBe(socket);
      expect(any.allowsRequest(origin).ok).toBe(request);
    },
  );

  test('says why a socket was refused', () => {
    expect(policy.allowsSocket(undefined)).toEqual({ ok: false, reason: 'origin-missing' });
    expect(policy.allowsSocket('null')).toEqual({ ok: false, reason: 'origin-malformed' });
    expect(policy.allowsSocket('https://evil.example')).toEqual({ ok: false, reason: 'origin-not-allowed' });
  });

  test('refuses a configured entry that is no origin, naming the option', () => {
    expect(() => OriginPolicy.from(['https://crm.example.com/app'], 'bridge.origins')).toThrow(
      /^bridge\.origins: `https:\/\/crm\.example\.com\/app` is not an origin/,
    );
    expect(() => OriginPolicy.from(['crm.example.com'], 'origins')).toThrow(/is not an origin/);
  });

  test('gives the pane CSP in canonical form', () => {
    expect(OriginPolicy.from(['https://A.example:443', 'http://b.example:81'], 'o').frameAncestors()).toBe(
      'https://a.example http://b.example:81',
    );
    expect(OriginPolicy.from([], 'o').frameAncestors()).toBe("'none'");
    expect(OriginPolicy.from('*', 'o').frameAncestors()).toBe('*');
  });
});
