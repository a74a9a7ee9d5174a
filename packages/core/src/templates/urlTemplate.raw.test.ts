import { describe, expect, test } from 'vitest';
import { SwitchboardError } from '../errors/index.js';
import { compileTemplate } from './compileTemplate.js';
import { HostAllowList } from './HostAllowList.js';

const allowHosts = HostAllowList.parse(['crm.example', '.crm.example']).list!;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (SwitchboardError.is(error)) return error.code;
    throw error;
  }
}

describe('url values in the scheme position', () => {
  test.each([
    '{{ x }}',
    '{{ x }}://crm.example/',
    'http{{ x }}://crm.example/',
    '{{ x }}/orders',
    'ab{{ x }}',
  ])('%s is a compile-time placement error', (template) => {
    expect(codeOf(() => compileTemplate(template, 'url'))).toBe('SWB_TEMPLATE_PLACEMENT');
    expect(() => compileTemplate(template, 'url')).toThrow(/scheme.*path or query.*\| raw/);
  });
});

describe('| raw in url templates', () => {
  test('a whole URL from a value needs allowHosts', () => {
    expect(codeOf(() => compileTemplate('{{ crm.url | raw }}', 'url'))).toBe('SWB_TEMPLATE_PLACEMENT');
    expect(() => compileTemplate('{{ crm.url | raw }}/x', 'url')).toThrow(/whole URL.*`allowHosts`/);
  });

  const whole = compileTemplate('{{ crm.url | raw }}', 'url', { allowHosts });

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://files.example/x',
    '//evil.com/x',
    'not a url',
    '',
    'https://evil.example/',
    'https://crm.example.evil.example/',
    'https://user@crm.example/',
    'https://crm.example:8443/',
    'https://crm.example@evil.example/',
  ])('rejects %j', (url) => {
    expect(['SWB_TEMPLATE_RENDER', 'SWB_URL_HOST_NOT_ALLOWED']).toContain(
      codeOf(() => whole.render({ crm: { url } })),
    );
  });

  test('passes a full https URL through unchanged', () => {
    const url = 'https://crm.example/contacts/42?tab=orders&x=%20y#top';
    expect(whole.render({ crm: { url } })).toBe(url);
    expect(whole.render({ crm: { url: 'HTTP://crm.example' } })).toBe('HTTP://crm.example');
    expect(whole.render({ crm: { url: 'https://eu.crm.example:443/x' } })).toBe(
      'https://eu.crm.example:443/x',
    );
  });

  test('a raw base URL followed by encoded values', () => {
    const t = compileTemplate('{{ base | raw }}/orders/{{ id }}?q={{ q }}', 'url', { allowHosts });
    expect(t.render({ base: 'https://crm.example/api', id: 'a/b', q: 'x&y' })).toBe(
      'https://crm.example/api/orders/a%2Fb?q=x%26y',
    );
    expect(codeOf(() => t.render({ base: 'https://evil.example/api', id: '1', q: '' }))).toBe(
      'SWB_URL_HOST_NOT_ALLOWED',
    );
    expect(codeOf(() => t.render({ base: 'javascript:alert(1)//', id: '1', q: '' }))).toBe(
      'SWB_TEMPLATE_RENDER',
    );
  });

  test('raw in the query is inserted verbatim, and the result must still be http(s)', () => {
    const t = compileTemplate('https://crm.example/go?next={{ next | raw }}', 'url');
    expect(t.render({ next: 'a&b=c' })).toBe('https://crm.example/go?next=a&b=c');
  });
});

describe('url templates, other cases', () => {
  test('a template without placeholders is passed through unchanged', () => {
    expect(compileTemplate('https://crm.example/a b?c=d%zz', 'url').render({})).toBe(
      'https://crm.example/a b?c=d%zz',
    );
  });

  test('the example from the rules docs', () => {
    const t = compileTemplate('http://webservice1/sales?ordernumber={{ vars.ordernumber }}', 'url');
    expect(t.render({ vars: { ordernumber: 'SO 12&3' } })).toBe(
      'http://webservice1/sales?ordernumber=SO%2012%263',
    );
    expect(t.render({})).toBe('http://webservice1/sales?ordernumber=');
  });

  test('filters run before encoding; missing values and defaults', () => {
    const t = compileTemplate('https://h/p?a={{ x | default: "n/a" | upper }}&b={{ o }}', 'url');
    expect(t.render({ o: { k: 'v w' } })).toBe('https://h/p?a=N%2FA&b=%7B%22k%22%3A%22v%20w%22%7D');
  });

  test('a lone surrogate becomes U+FFFD rather than throwing', () => {
    const url = new URL(compileTemplate('https://h/p?a={{ x }}', 'url').render({ x: 'a\uD800' }) as string);
    expect(url.searchParams.get('a')).toBe('a\uFFFD');
  });

  test('host values are encoded, the result must parse, and its host must be allowed', () => {
    const t = compileTemplate('https://{{ tenant }}.crm.example/', 'url', { allowHosts });
    expect(t.render({ tenant: 'acme' })).toBe('https://acme.crm.example/');
    expect(codeOf(() => t.render({ tenant: 'evil.com/' }))).toBe('SWB_TEMPLATE_RENDER');
    expect(codeOf(() => t.render({ tenant: 'evil.com:80@x' }))).toBe('SWB_TEMPLATE_RENDER');
  });
});
