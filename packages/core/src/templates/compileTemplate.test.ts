import { describe, expect, test } from 'vitest';
import { SwitchboardError } from '../errors/index.js';
import { compileTemplate } from './compileTemplate.js';

const data = {
  vars: {
    name: 'Zoë',
    count: 3,
    vip: true,
    none: null,
    empty: '',
    padded: '  mixed Case  ',
    when: new Date('2024-05-01T10:20:30.000Z'),
    crm: { id: 7, tags: ['a', 'b'] },
    'order number': 'A-1',
    'a.b': 'dotted',
  },
  items: [{ id: 'first' }, { id: 'second' }],
};

const text = (source: string, d: unknown = data) => compileTemplate(source, 'text').render(d);

describe('lookups', () => {
  test('names, indexes and quoted keys', () => {
    expect(text('{{ vars.name }}/{{ items[1].id }}/{{ vars["order number"] }}/{{ vars[\'a.b\'] }}')).toBe(
      'Zoë/second/A-1/dotted',
    );
  });

  test('missing values render as the empty string', () => {
    expect(
      text('[{{ vars.nope }}][{{ nope.deeper.still }}][{{ items[9].id }}][{{ vars.name.length }}]'),
    ).toBe('[][][][]');
  });

  test('value to text: numbers, booleans, null, dates, objects, arrays', () => {
    expect(
      text('{{vars.count}} {{vars.vip}} [{{vars.none}}] {{vars.when}} {{vars.crm}} {{vars.crm.tags}}'),
    ).toBe('3 true [] 2024-05-01T10:20:30.000Z {"id":7,"tags":["a","b"]} ["a","b"]');
  });

  test('paths lists each path once, normalized', () => {
    expect(compileTemplate("{{ a.b }}{{a.b}}{{ a['x y'] }}", 'text').paths).toEqual(['a.b', 'a["x y"]']);
  });

  test('a template without placeholders renders its source', () => {
    expect(text('just text')).toBe('just text');
  });
});

describe('prototype safety', () => {
  test.each([
    '{{ __proto__ }}',
    '{{ vars.__proto__ }}',
    '{{ vars.constructor }}',
    '{{ vars.constructor.name }}',
    '{{ vars["constructor"]["prototype"] }}',
    '{{ items.constructor }}',
    '{{ vars.toString }}',
    '{{ vars.hasOwnProperty }}',
    '{{ items.map }}',
  ])('%s reads nothing', (source) => {
    expect(text(`[${source}]`)).toBe('[]');
    expect(text(source)).toBe('');
  });

  test('own "__proto__" / "constructor" keys (as JSON.parse makes them) are not read either', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "ok": "yes"}');
    expect(text('[{{ __proto__.x }}][{{ constructor }}][{{ ok }}]', parsed)).toBe('[][][yes]');
  });

  test('reads nothing from primitives or inherited properties', () => {
    const child = Object.create({ inherited: 'no' });
    child.own = 'yes';
    expect(text('{{ inherited }}{{ own }}', child)).toBe('yes');
    expect(text('[{{ x }}]', 'a string')).toBe('[]');
    expect(text('[{{ x }}]', null)).toBe('[]');
  });
});

describe('filters', () => {
  test('default applies to null, undefined and empty string only', () => {
    expect(
      text(
        '{{ vars.none | default: "n/a" }},{{ vars.nope | default: "n/a" }},{{ vars.empty | default: "-" }}',
      ),
    ).toBe('n/a,n/a,-');
    expect(text('{{ vars.count | default: "n/a" }}')).toBe(3);
    expect(text('[{{ vars.vip | default: "n/a" }}]')).toBe('[true]');
  });

  test('upper, lower, trim, json, chained left to right', () => {
    expect(text('{{ vars.padded | trim }}|{{ vars.padded | upper }}|{{ vars.padded | lower | trim }}')).toBe(
      'mixed Case|  MIXED CASE  |mixed case',
    );
    expect(text('{{ vars.nope | default: "n/a" | upper }}')).toBe('N/A');
    expect(text('{{ vars.crm | json }}')).toBe('{"id":7,"tags":["a","b"]}');
    expect(text('{{ vars.name | json }}')).toBe('"Zoë"');
    expect(text('[{{ vars.nope | json }}]')).toBe('[]');
    expect(text('{{ vars.nope | upper }}')).toBe('');
  });

  test('json of a cycle is a render error', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => text('{{ x | json }}', { x: cyclic })).toThrow(
      expect.objectContaining({ code: 'SWB_TEMPLATE_RENDER' }),
    );
  });
});

describe('typed single-placeholder values in text encoding', () => {
  test('exactly one placeholder renders the value itself', () => {
    expect(text('{{ vars.count }}')).toBe(3);
    expect(text('{{vars.vip}}')).toBe(true);
    expect(text('{{ vars.crm }}')).toBe(data.vars.crm);
    expect(text('{{ vars.when }}')).toBe(data.vars.when);
    expect(text('{{ vars.none }}')).toBeNull();
    expect(text('{{ vars.nope }}')).toBe('');
  });

  test('a string-making filter, surrounding text or whitespace makes a string', () => {
    expect(text('{{ vars.count | json }}')).toBe('3');
    expect(text('{{ vars.count | trim }}')).toBe('3');
    expect(text(' {{ vars.count }}')).toBe(' 3');
    expect(text('{{ vars.count }} ')).toBe('3 ');
    expect(text('{{ vars.count }}{{ vars.count }}')).toBe('33');
  });

  test('html and url encodings always make strings', () => {
    expect(compileTemplate('{{ vars.count }}', 'html').render(data)).toBe('3');
  });
});

describe('html encoding', () => {
  const html = (source: string, d: unknown) => compileTemplate(source, 'html').render(d);

  test('escapes & < > " \'', () => {
    expect(html('<b>{{ x }}</b>', { x: `<script>alert("x" & 'y')</script>` })).toBe(
      '<b>&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;</b>',
    );
    expect(html('<a title="{{ x }}">', { x: '"><img src=x onerror=alert(1)>' })).toBe(
      '<a title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">',
    );
    expect(html('{{ x }}', { x: 'plain' })).toBe('plain');
  });

  test('raw disables escaping; default values are escaped', () => {
    expect(html('{{ x | raw }}', { x: '<i>ok</i>' })).toBe('<i>ok</i>');
    expect(html('{{ x | default: "<none>" }}', {})).toBe('&lt;none&gt;');
  });

  test('text encoding does not escape', () => {
    expect(text('{{ x }}!', { x: '<&>' })).toBe('<&>!');
  });
});

describe('compiled template object', () => {
  test('exposes source, encoding and paths, and is frozen', () => {
    const t = compileTemplate('Hi {{ vars.name }}', 'html');
    expect(t).toMatchObject({ source: 'Hi {{ vars.name }}', encoding: 'html', paths: ['vars.name'] });
    expect(Object.isFrozen(t)).toBe(true);
  });

  test('errors are SwitchboardErrors', () => {
    expect(() => compileTemplate('{{ x | nope }}', 'html')).toThrow(SwitchboardError);
  });
});
