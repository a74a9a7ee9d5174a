import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SwitchboardError } from '../errors/index.js';
import { compileTemplate } from './compileTemplate.js';
import { HostAllowList } from './HostAllowList.js';

/** Values that try to break out of their place in a URL. */
const hostile = [
  '&',
  '#',
  '?',
  '/',
  '../',
  '..',
  '.',
  '%2F',
  '%2e',
  '%2e%2e',
  '.%2E',
  'a b',
  ' lead and trail ',
  'Zoë 北京 🚀',
  'javascript:alert(1)',
  '@evil.com',
  'user:pw@evil.com:444',
  '\\',
  '\\..\\..\\',
  '\r\n',
  'a\r\nSet-Cookie: x=1',
  '\t',
  '\u0000',
  '\u2028',
  '',
  ' ',
  '+',
  '=',
  ':',
  ';',
  '%',
  '%zz',
  '%00',
  '"<>`',
  "'()*!",
  '//evil.com/x',
  'http://evil.com/',
  'a&b=c#d?e/f',
  '?x=1&y=2',
  '#frag',
  'x/../../admin',
  '\u2100',
  '\uFF0Fevil',
  'ｅｖｉｌ．ｃｏｍ',
  '[::1]',
  'evil.com',
  'evil.com#',
  'evil.com/',
  'evil.com?',
];

const value = fc.oneof(
  fc.constantFrom(...hostile),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc
    .array(fc.oneof(fc.constantFrom(...hostile, 'a', '.', '/'), fc.string({ unit: 'grapheme-composite' })), {
      maxLength: 6,
    })
    .map((parts) => parts.join('')),
);

function renderError(fn: () => unknown): SwitchboardError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
}

interface Case {
  readonly place: string;
  readonly template: string;
  readonly allowHosts?: readonly string[];
  /** Asserts the rendered URL keeps the template's structure and carries `v` exactly. */
  check(v: string, render: () => string): void;
}

const segments = (url: URL) => url.pathname.split('/');

const cases: Case[] = [
  {
    place: 'query value',
    template: 'https://crm.example/sales?ordernumber={{ x }}&src=swb',
    check(v, render) {
      const url = new URL(render());
      expect([url.protocol, url.host, url.pathname, url.hash]).toEqual([
        'https:',
        'crm.example',
        '/sales',
        '',
      ]);
      expect([...url.searchParams.keys()]).toEqual(['ordernumber', 'src']);
      expect(url.searchParams.get('ordernumber')).toBe(v);
      expect(url.searchParams.get('src')).toBe('swb');
    },
  },
  {
    place: 'query key',
    template: 'https://crm.example/sales?{{ x }}=1&src=swb',
    check(v, render) {
      const url = new URL(render());
      expect([url.protocol, url.host, url.pathname, url.hash]).toEqual([
        'https:',
        'crm.example',
        '/sales',
        '',
      ]);
      expect([...url.searchParams.keys()]).toEqual([v, 'src']);
      expect(url.searchParams.get(v)).toBe('1');
    },
  },
  {
    place: 'path segment',
    template: 'https://crm.example/orders/{{ x }}/items?a=1',
    check(v, render) {
      if (v === '.' || v === '..') {
        expect(renderError(render)?.code).toBe('SWB_TEMPLATE_RENDER');
        return;
      }
      const url = new URL(render());
      expect([url.protocol, url.host, url.search, url.hash]).toEqual(['https:', 'crm.example', '?a=1', '']);
      const parts = segments(url);
      expect(parts).toHaveLength(4);
      expect([parts[0], parts[1], parts[3]]).toEqual(['', 'orders', 'items']);
      expect(decodeURIComponent(parts[2]!)).toBe(v);
    },
  },
  {
    place: 'middle of a path segment',
    template: 'https://crm.example/orders/id-{{ x }}/items',
    check(v, render) {
      const url = new URL(render());
      expect([url.protocol, url.host, url.search, url.hash]).toEqual(['https:', 'crm.example', '', '']);
      const parts = segments(url);
      expect(parts).toHaveLength(4);
      expect([parts[0], parts[1], parts[3]]).toEqual(['', 'orders', 'items']);
      expect(decodeURIComponent(parts[2]!)).toBe(`id-${v}`);
    },
  },
  {
    place: 'fragment',
    template: 'https://crm.example/sales?a=1#{{ x }}',
    check(v, render) {
      const url = new URL(render());
      expect([url.protocol, url.host, url.pathname, url.search]).toEqual([
        'https:',
        'crm.example',
        '/sales',
        '?a=1',
      ]);
      expect(decodeURIComponent(url.hash.slice(1))).toBe(v);
    },
  },
  {
    place: 'host (with allowHosts)',
    template: 'https://{{ x }}.crm.example/sales?id=1',
    allowHosts: ['.crm.example'],
    check(_v, render) {
      // A value that is no valid host label is rejected; any other stays inside the allowed domain.
      const error = renderError(render);
      if (error) {
        expect(['SWB_TEMPLATE_RENDER', 'SWB_URL_HOST_NOT_ALLOWED']).toContain(error.code);
        return;
      }
      const url = new URL(render());
      expect([url.protocol, url.username, url.password, url.port]).toEqual(['https:', '', '', '']);
      expect(url.hostname.endsWith('.crm.example')).toBe(true);
      expect([url.pathname, url.search, url.hash]).toEqual(['/sales', '?id=1', '']);
    },
  },
];

describe.each(cases)('url value in the $place: $template', ({ template, allowHosts, check }) => {
  const compiled = compileTemplate(
    template,
    'url',
    allowHosts ? { allowHosts: HostAllowList.parse(allowHosts).list! } : {},
  );
  const render = (v: string) => () => compiled.render({ x: v }) as string;

  test.each(hostile.map((v) => [JSON.stringify(v), v] as const))(
    'keeps scheme, host and path with %s',
    (_, v) => {
      check(v, render(v));
    },
  );

  test('keeps scheme, host and path for any string (property, 1,000+ runs)', () => {
    fc.assert(
      fc.property(value, (v) => {
        check(v, render(v));
      }),
      { numRuns: 1500, seed: 20261202 },
    );
  });
});

describe('url values in several places at once', () => {
  const compiled = compileTemplate(
    'https://crm.example/o/{{ id }}/x-{{ id }}?{{ k }}={{ v }}#{{ f }}',
    'url',
  );

  test('each value stays in its place (property)', () => {
    fc.assert(
      fc.property(value, value, value, value, (id, k, v, f) => {
        fc.pre(id !== '.' && id !== '..');
        const url = new URL(compiled.render({ id, k, v, f }) as string);
        expect([url.protocol, url.host]).toEqual(['https:', 'crm.example']);
        expect(segments(url).map((s) => decodeURIComponent(s))).toEqual(['', 'o', id, `x-${id}`]);
        expect([...url.searchParams]).toEqual([[k, v]]);
        expect(decodeURIComponent(url.hash.slice(1))).toBe(f);
      }),
      { numRuns: 1000, seed: 20261203 },
    );
  });
});

describe('dot segments are rejected however they are spelled', () => {
  test.each([
    ['https://h/a/{{ x }}/b', { x: '..' }],
    ['https://h/a/{{ x }}', { x: '.' }],
    ['https://h/a/.{{ x }}/b', { x: '.' }],
    ['https://h/a/.{{ x }}/b', {}],
    ['https://h/a/{{ x }}{{ y }}/b', { x: '.', y: '.' }],
    ['https://h/a/%2{{ x }}/b', { x: 'e' }],
    ['https://h/a/{{ x | default: ".." }}/b', {}],
  ])('%s with %j', (template, data) => {
    const error = renderError(() => compileTemplate(template, 'url').render(data));
    expect(error?.code).toBe('SWB_TEMPLATE_RENDER');
  });
});
