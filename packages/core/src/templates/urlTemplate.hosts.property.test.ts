import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SwitchboardError } from '../errors/index.js';
import { compileTemplate } from './compileTemplate.js';
import { HostAllowList } from './HostAllowList.js';

/**
 * Random URL templates with placeholders in every part × hostile values. Whatever the values, a rendered
 * URL has the template's scheme, user info, host and port (compared with WHATWG `URL`), unless a value
 * decides the host and the template has `allowHosts`: then the host is exactly an allowed one. Templates
 * with a value in the scheme, user info or port, or in the host without `allowHosts`, do not compile.
 */

const allowEntries = ['crm.example.com', '.crm.example.com', '10.0.0.5', '[::1]'];
const allowHosts = HostAllowList.parse(allowEntries).list!;

/** The allow-list written out independently of `HostAllowList`, so the test does not trust the code it checks. */
function allowedHost(hostname: string): boolean {
  if (['crm.example.com', '10.0.0.5', '[::1]'].includes(hostname)) return true;
  if (!hostname.endsWith('.crm.example.com')) return false;
  const labels = hostname.slice(0, -'.crm.example.com'.length).split('.');
  return labels.every((label) => label.length > 0);
}

const hostile = [
  '',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u3000',
  '.evil.com',
  'evil.com',
  '@evil',
  '@evil.com',
  'user:pw@evil.com',
  ':8080',
  ':',
  '//',
  '//evil.com',
  '\\',
  '\\\\evil.com',
  '/',
  '?',
  '#',
  '169.254.169.254',
  '127.0.0.1',
  '0x7f.1',
  '2130706433',
  '0177.0.0.1',
  '[::1]',
  '::1',
  '[fe80::1%25eth0]',
  '[::ffff:169.254.169.254]',
  'ｅｖｉｌ．ｃｏｍ',
  '．evil．com',
  'xn--80ak6aa92e.com',
  'bücher.de',
  'еxample.com',
  'evil。com',
  '%2e',
  '%2eevil.com',
  '%2F',
  '%40evil',
  '%3A8080',
  'evil%2ecom',
  '%2e%2e',
  '..',
  '.',
  'eu',
  'eu.',
  'eu..x',
  'EU',
  'a.b',
  'eu.crm.example.com',
  'crm.example.com',
  'crm.example.com.evil.com',
  '.crm.example.com',
  'https://evil.com/',
  'https://crm.example.com@evil.com/',
  'https://evil.com\\@crm.example.com/',
  'https://crm.example.com:8080/',
  'https://user@crm.example.com/',
  'https://crm.example.com.evil.com/',
  'https://eu.crm.example.com/contacts',
  'http://[::1]/',
  'https://0x7f.1/',
  'https:\\\\evil.com',
  'https:evil.com',
  ' https://eu.crm.example.com/',
  'javascript:alert(1)',
  'https://ｅｖｉｌ．ｃｏｍ/',
  'https://10.0.0.5/',
  'https://010.0.0.5/',
];

/** Values a deployment expects (a region, a tenant), so that allowed hosts come out too. */
const expected = ['eu', 'de', 'us-1', 'acme', 'eu.crm.example.com', 'crm.example.com', '10.0.0.5'];

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostile) },
  { weight: 2, arbitrary: fc.constantFrom(...expected) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...hostile), { maxLength: 3 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
);

type Part = 'scheme' | 'userinfo' | 'host' | 'port' | 'path' | 'query' | 'fragment';

/** A URL template built from parts, with what the test needs to know about where its values are. */
interface Template {
  readonly source: string;
  readonly count: number;
  /** Parts holding a value (a raw one for `rawIn`). */
  readonly valuesIn: ReadonlySet<Part>;
  readonly rawIn: ReadonlySet<Part>;
  /** The template is a raw value followed by literal path text: a whole URL from a value. */
  readonly wholeUrl: boolean;
  /** The scheme, user info, host and port as written (a stand-in host where a value makes it). */
  readonly reference: string;
}

const P = '§'; // a placeholder in a part pattern
const R = '¤'; // a raw placeholder

/** Mostly literal parts, so that many templates compile and their values are tried. */
const mostly = (literals: readonly string[], withValue: readonly string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...literals) },
    { weight: 1, arbitrary: fc.constantFrom(...withValue) },
  );

const schemes = mostly(['http', 'https'], [`${P}`, `http${P}`, `${P}s`]);
const userinfos = mostly(['', '', 'user@', 'user:pw@'], [`${P}@`, `user:${P}@`, `${P}:pw@`]);
const hosts = fc.oneof(
  fc.constantFrom('crm.example.com', 'eu.crm.example.com', 'api.other.org', '10.0.0.5', '[::1]'),
  fc.constantFrom(
    P,
    `${P}.crm.example.com`,
    `crm.example${P}`,
    `crm.example.com${P}`,
    `eu-${P}.crm.example.com`,
    `${P}${P}`,
    `${P}.${P}.crm.example.com`,
    `${R}.crm.example.com`,
  ),
);
const ports = mostly(['', '', ':8443'], [`:${P}`, `:84${P}`]);
const segment = fc.constantFrom('api', 'contacts', 'v1', P, `id-${P}`, R, `${P}.json`);
const paths = fc.array(segment, { maxLength: 3 }).map((s) => (s.length === 0 ? '' : `/${s.join('/')}`));
const queries = fc
  .array(fc.constantFrom('a=b', `k=${P}`, `${P}=1`, `q=${R}`, `${P}`), { maxLength: 3 })
  .map((q) => (q.length === 0 ? '' : `?${q.join('&')}`));
const fragments = fc.constantFrom('', '#top', `#${P}`, `#${R}`);

function build(parts: Record<Part, string>): Template {
  let count = 0;
  const valuesIn = new Set<Part>();
  const rawIn = new Set<Part>();
  const fill = (part: Part, text: string): string =>
    text.replace(/[§¤]/g, (mark) => {
      valuesIn.add(part);
      if (mark === R) rawIn.add(part);
      return `{{ p${count++}${mark === R ? ' | raw' : ''} }}`;
    });
  const order: Part[] = ['scheme', 'userinfo', 'host', 'port', 'path', 'query', 'fragment'];
  const text = order.map((part) => fill(part, parts[part]));
  const source = `${text[0]}://${text.slice(1).join('')}`;
  const literal = (part: Part, standIn: string) => (valuesIn.has(part) ? standIn : parts[part]);
  const reference = `${literal('scheme', 'https')}://${literal('userinfo', '')}${literal('host', 'stand-in.example')}${literal('port', '')}/`;
  return { source, count, valuesIn, rawIn, wholeUrl: false, reference };
}

const structured = fc
  .record({
    scheme: schemes,
    userinfo: userinfos,
    host: hosts,
    port: ports,
    path: paths,
    query: queries,
    fragment: fragments,
  })
  .map(build);

/** `{{ url | raw }}` alone or before literal path, query and fragment text. */
const whole = fc
  .tuple(fc.constantFrom('', '/contacts', '/api/v1?x=1', '#top', `/orders/${P}`), fc.boolean())
  .map(([rest, raw]): Template => {
    const tail = rest.replace(P, '{{ p1 }}');
    return {
      source: `{{ p0${raw ? ' | raw' : ''} }}${tail}`,
      count: rest.includes(P) ? 2 : 1,
      valuesIn: new Set<Part>(['scheme']),
      rawIn: new Set<Part>(raw ? ['scheme'] : []),
      wholeUrl: raw,
      reference: '',
    };
  });

const template = fc.oneof({ weight: 5, arbitrary: structured }, { weight: 1, arbitrary: whole });

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (SwitchboardError.is(error)) return error.code;
    throw error;
  }
}

/** Whether the template may compile: no value in scheme, user info or port, and a value decides the host only with a list. */
function compiles(t: Template, withList: boolean): boolean {
  if (t.wholeUrl) return withList;
  const { valuesIn, rawIn } = t;
  if (valuesIn.has('scheme') || valuesIn.has('userinfo') || valuesIn.has('port') || rawIn.has('host'))
    return false;
  return !valuesIn.has('host') || withList;
}

const origin = (url: URL) => [url.protocol, url.username, url.password, url.hostname, url.port];

const seen = { placement: 0, refusedAtRender: 0, fixedHost: 0, allowedHost: 0 };

function checkOne(t: Template, values: readonly string[], withList: boolean): void {
  const options = withList ? { allowHosts } : {};
  if (!compiles(t, withList)) {
    expect(errorCode(() => compileTemplate(t.source, 'url', options))).toBe('SWB_TEMPLATE_PLACEMENT');
    seen.placement++;
    return;
  }
  const compiled = compileTemplate(t.source, 'url', options);
  const data = Object.fromEntries(values.slice(0, t.count).map((v, i) => [`p${i}`, v]));
  let rendered: string | undefined;
  const code = errorCode(() => {
    rendered = compiled.render(data) as string;
  });
  if (code !== undefined) {
    expect(['SWB_TEMPLATE_RENDER', 'SWB_URL_HOST_NOT_ALLOWED']).toContain(code);
    seen.refusedAtRender++;
    return;
  }
  const url = new URL(rendered!);
  if (t.wholeUrl) {
    expect(['http:', 'https:']).toContain(url.protocol);
    expect([url.username, url.password, url.port]).toEqual(['', '', '']);
    expect(allowedHost(url.hostname)).toBe(true);
    seen.allowedHost++;
    return;
  }
  const reference = new URL(t.reference);
  if (t.valuesIn.has('host')) {
    expect(allowedHost(url.hostname)).toBe(true);
    expect(origin(url).filter((_, i) => i !== 3)).toEqual(origin(reference).filter((_, i) => i !== 3));
    seen.allowedHost++;
  } else {
    expect(origin(url)).toEqual(origin(reference));
    seen.fixedHost++;
  }
}

describe('no value moves a URL to another scheme, user, host or port', () => {
  test('random templates × hostile values, with and without allowHosts (property)', () => {
    fc.assert(
      fc.property(template, fc.array(value, { minLength: 8, maxLength: 8 }), (t, values) => {
        checkOne(t, values, false);
        checkOne(t, values, true);
      }),
      { numRuns: 6000, seed: 20261201 },
    );
    // Every kind of outcome happened, many times: the property is not vacuous.
    expect(seen.placement).toBeGreaterThan(3000);
    expect(seen.refusedAtRender).toBeGreaterThan(500);
    expect(seen.fixedHost).toBeGreaterThan(1000);
    expect(seen.allowedHost).toBeGreaterThan(100);
  });

  test.each(hostile.map((v) => [JSON.stringify(v), v] as const))(
    'a value in the host with allowHosts: %s renders an allowed host or fails',
    (_, v) => {
      for (const source of [
        'https://{{ h }}/api',
        'http://{{ h }}/sales?q=1',
        'https://{{ h }}.crm.example.com/api',
        'https://crm.example{{ h }}/api',
        'https://crm.example.com{{ h }}:8443/api',
      ]) {
        checkOne(
          {
            source,
            count: 1,
            valuesIn: new Set(['host']),
            rawIn: new Set(),
            wholeUrl: false,
            reference: source.replace(/[a-z.]*\{\{ h \}\}[a-z.]*/, 'stand-in.example'),
          },
          [v],
          true,
        );
      }
    },
  );

  test('the reported cases: a region suffix, a metadata address, an empty host', () => {
    const region = compileTemplate(
      'https://crm.example{{ vars.region }}/api/contacts?phone={{ call.caller }}',
      'url',
      {
        allowHosts: HostAllowList.parse(['crm.example.eu', 'crm.example.de']).list!,
      },
    );
    expect(region.render({ vars: { region: '.eu' }, call: { caller: '1' } })).toBe(
      'https://crm.example.eu/api/contacts?phone=1',
    );
    expect(errorCode(() => region.render({ vars: { region: '.evil.com' }, call: { caller: '1' } }))).toBe(
      'SWB_URL_HOST_NOT_ALLOWED',
    );
    const crmHost = compileTemplate('https://{{ vars.crmHost }}/api/contacts', 'url', { allowHosts });
    expect(errorCode(() => crmHost.render({ vars: { crmHost: '169.254.169.254' } }))).toBe(
      'SWB_URL_HOST_NOT_ALLOWED',
    );
    const empty = compileTemplate('http://{{ vars.host }}/sales?q=', 'url', {
      allowHosts: HostAllowList.parse(['sales']).list!,
    });
    // `http:///sales` would parse as host `sales`: an empty host is refused before parsing.
    expect(errorCode(() => empty.render({ vars: { host: '' } }))).toBe('SWB_URL_HOST_NOT_ALLOWED');
    for (const source of [
      'https://crm.example{{ vars.region }}/api',
      'https://{{ vars.crmHost }}/api',
      'http://{{ vars.host }}/sales?q=',
    ]) {
      expect(errorCode(() => compileTemplate(source, 'url'))).toBe('SWB_TEMPLATE_PLACEMENT');
    }
  });
});
