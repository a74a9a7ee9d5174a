import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { previousCompileUrlTemplate } from '../../test/reference/previousUrlTemplate.js';
import { compileParams } from './compileParams.js';
import type { CompiledPlaceholder } from './compilePlaceholder.js';
import { compileTemplate } from './compileTemplate.js';
import { compileFilters } from './filters.js';
import { HostAllowList } from './HostAllowList.js';
import { compilePathGetter } from './lookupPath.js';
import { parseTemplate } from './parseTemplate.js';

// The shared url renderer against the previous one (closures per value, kept in test/reference): the
// same URL, or the same error, for the same template and data.

const hostile = fc.constantFrom(
  '',
  '.',
  '..',
  '%2e',
  '/',
  '?',
  '#',
  '&',
  'a b',
  'Zoë 北京',
  '\uD800',
  'evil.com',
  'crm.example.com',
  'user:pw@evil.com',
  'http://crm.example.com/x',
  'javascript:alert(1)',
  "'()*!",
  '[::1]',
);
const fieldValue = fc.oneof(
  hostile,
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom({ a: 1 }, ['x', 2], new Date(0)),
);
const data = fc.record({
  call: fc.record({ id: fieldValue, queue: fieldValue }, { requiredKeys: [] }),
  vars: fc.record({ host: fieldValue, seg: fieldValue, url: fieldValue }, { requiredKeys: [] }),
});

const placeholder = fc
  .tuple(
    fc.constantFrom(
      'call.id',
      'call.queue',
      'vars.host',
      'vars.seg',
      'vars.url',
      'vars["seg"]',
      'constructor',
    ),
    fc.subarray(['raw', 'default: "x.."', 'upper', 'lower', 'trim', 'json'], { maxLength: 2 }),
  )
  .map(([path, filters]) => `{{ ${[path, ...filters].join(' | ')} }}`);
const literal = fc.constantFrom(
  'https://',
  'http://crm.example.com',
  '.crm.example.com',
  ':8080',
  '/',
  '/a/',
  '.',
  '?q=',
  '&x=',
  '#',
  '@',
  'x',
  '',
);
const template = fc
  .array(fc.oneof(literal, placeholder), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

function previousPlaceholders(source: string): {
  literals: readonly string[];
  values: CompiledPlaceholder[];
} {
  const { literals, placeholders } = parseTemplate(source);
  const values = placeholders.map((p) => {
    const get = compilePathGetter(p.path);
    const { apply, raw } = compileFilters(p.filters);
    const read = apply === undefined ? get : (d: unknown) => apply(get(d));
    return { placeholder: p, reader: { path: undefined, filter: undefined }, read, raw };
  });
  return { literals, values };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const allowHosts = HostAllowList.parse(['.crm.example.com']).list;

describe('the shared url renderer', () => {
  test('renders (or refuses) exactly as the previous renderer (3000 runs, fixed seed)', () => {
    const seen = { compileError: 0, rendered: 0, renderError: 0 };
    fc.assert(
      fc.property(template, fc.boolean(), data, (source, withHosts, input) => {
        const options = withHosts ? { allowHosts } : {};
        const { literals, values } = previousPlaceholders(source);
        if (values.length === 0) return;
        const previous = outcome(() => previousCompileUrlTemplate(literals, values, options.allowHosts));
        const current = outcome(() => compileTemplate(source, 'url', options));
        expect(current.ok).toBe(previous.ok);
        if (!current.ok || !previous.ok) {
          expect(current).toEqual(previous);
          seen.compileError++;
          return;
        }
        const before = previous.value as { render(d: unknown): unknown; hostFromValue: boolean };
        const after = current.value as { render(d: unknown): unknown; hostFromValue: boolean };
        expect(after.hostFromValue).toBe(before.hostFromValue);
        const rendered = outcome(() => after.render(input));
        expect(rendered).toEqual(outcome(() => before.render(input)));
        seen[rendered.ok ? 'rendered' : 'renderError']++;
      }),
      { numRuns: 3000, seed: 20261203 },
    );
    // The generator reaches every branch: refused templates, URLs, and renders refused for their values.
    expect(seen.compileError).toBeGreaterThan(100);
    expect(seen.rendered).toBeGreaterThan(300);
    expect(seen.renderError).toBeGreaterThan(30);
  });

  test('params with the same template text share one compiled template and render alike', () => {
    const schema = { type: 'object', properties: { url: { type: 'string', 'x-template': 'url' } } };
    const a = compileParams({ url: 'http://crm.example/q?c={{ call.id }}' }, schema);
    const b = compileParams({ url: 'http://crm.example/q?c={{ call.id }}' }, schema);
    expect(compileTemplate('http://crm.example/q?c={{ call.id }}', 'url')).toBe(
      compileTemplate('http://crm.example/q?c={{ call.id }}', 'url'),
    );
    const event = { call: { id: 'a&b' } };
    expect(a.render(event)).toEqual({ url: 'http://crm.example/q?c=a%26b' });
    expect(b.render(event)).toEqual(a.render(event));
    expect(a.render(event)).not.toBe(b.render(event));
  });
});
