import { describe, expect, test } from 'vitest';
import { SwitchboardError } from '../errors/index.js';
import { compileParams } from './compileParams.js';

const data = { vars: { id: 'a/b&c', name: '<Zoë>', crm: { score: 7 } } };

function thrown(fn: () => unknown): SwitchboardError {
  try {
    fn();
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('nothing thrown');
}

describe('compileParams', () => {
  test('params without templates are static and rendered as the same object', () => {
    const params = { url: 'https://crm.example/', headers: { a: '1' }, n: 3, list: [true, null] };
    const compiled = compileParams(params);
    expect(compiled.isStatic).toBe(true);
    expect(compiled.render(data)).toBe(params);
    expect(compileParams('x').render(data)).toBe('x');
    expect(compileParams(undefined).isStatic).toBe(true);
  });

  test('renders templates anywhere, reusing static subtrees', () => {
    const params = {
      message: 'Hello {{ vars.name }}',
      nested: { list: ['{{ vars.crm.score }}', 'static', 2] },
      headers: { 'x-static': 'yes' },
    };
    const compiled = compileParams(params);
    expect(compiled.isStatic).toBe(false);
    const out = compiled.render(data) as typeof params;
    expect(out).toEqual({
      message: 'Hello <Zoë>',
      nested: { list: [7, 'static', 2] },
      headers: { 'x-static': 'yes' },
    });
    expect(out.headers).toBe(params.headers);
    expect(compiled.render({})).toEqual({
      message: 'Hello ',
      nested: { list: ['', 'static', 2] },
      headers: params.headers,
    });
  });

  test('a top-level template string', () => {
    expect(compileParams('{{ vars.crm }}').render(data)).toBe(data.vars.crm);
  });

  test('chooses the encoding from the schema: x-template wins, then format uri / uri-reference, else text', () => {
    const schema = {
      type: 'object',
      properties: {
        url: { type: 'string', format: 'uri' },
        next: { type: 'string', format: 'uri-reference' },
        body: { type: 'string', 'x-template': 'html' },
        plain: { type: 'string', format: 'uri', 'x-template': 'text' },
        note: { type: 'string' },
        links: { type: 'array', items: { type: 'string', format: 'uri' } },
        pair: { type: 'array', prefixItems: [{ 'x-template': 'html' }], items: { format: 'uri' } },
        headers: { type: 'object', additionalProperties: { type: 'string', 'x-template': 'url' } },
      },
    };
    const params = {
      url: 'https://crm.example/orders/{{ vars.id }}',
      next: '/orders?id={{ vars.id }}',
      body: '<p>{{ vars.name }}</p>',
      plain: '{{ vars.id }}',
      note: '{{ vars.name }} ',
      links: ['https://h/?q={{ vars.id }}'],
      pair: ['{{ vars.name }}', 'https://h/{{ vars.id }}'],
      headers: { 'x-a': 'https://h/?n={{ vars.name }}' },
    };
    expect(compileParams(params, schema).render(data)).toEqual({
      url: 'https://crm.example/orders/a%2Fb%26c',
      next: '/orders?id=a%2Fb%26c',
      body: '<p>&lt;Zoë&gt;</p>',
      plain: 'a/b&c',
      note: '<Zoë> ',
      links: ['https://h/?q=a%2Fb%26c'],
      pair: ['&lt;Zoë&gt;', 'https://h/a%2Fb%26c'],
      headers: { 'x-a': 'https://h/?n=%3CZo%C3%AB%3E' },
    });
  });

  test('schema lookups read own properties only', () => {
    const schema = { properties: {} };
    const params = { constructor: 'https://h/{{ vars.id }}', toString: '{{ vars.id }}' };
    expect(compileParams(params, schema).render(data)).toEqual({
      constructor: 'https://h/a/b&c',
      toString: 'a/b&c',
    });
  });

  test('a "__proto__" key in params stays an own property', () => {
    const params = JSON.parse('{"__proto__": "{{ vars.id }}", "a": "{{ vars.id }}"}');
    const out = compileParams(params).render(data) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
  });

  test('compile errors carry the path to the string', () => {
    const schema = { properties: { http: { properties: { url: { format: 'uri' } } } } };
    const syntax = thrown(() => compileParams({ a: [{ b: 'x {{ y' }] }, schema));
    expect(syntax.code).toBe('SWB_TEMPLATE_SYNTAX');
    expect(syntax.path).toEqual(['a', 0, 'b']);
    expect(syntax.message).toMatch(/offset 2/);
    const placement = thrown(() => compileParams({ http: { url: '{{ vars.url }}' } }, schema));
    expect(placement.code).toBe('SWB_TEMPLATE_PLACEMENT');
    expect(placement.path).toEqual(['http', 'url']);
  });

  test('render errors carry the path too', () => {
    const schema = { properties: { links: { items: { format: 'uri' } } } };
    const compiled = compileParams({ links: ['https://h/ok', 'https://h/{{ vars.seg }}'] }, schema);
    const error = thrown(() => compiled.render({ vars: { seg: '..' } }));
    expect(error.code).toBe('SWB_TEMPLATE_RENDER');
    expect(error.path).toEqual(['links', 1]);
  });

  test('an invalid x-template in the schema is reported with the path', () => {
    const error = thrown(() =>
      compileParams({ q: '{{ x }}' }, { properties: { q: { 'x-template': 'sql' } } }),
    );
    expect(error.path).toEqual(['q']);
    expect(error.message).toMatch(/x-template/);
  });

  test('cyclic params are rejected', () => {
    const params: Record<string, unknown> = { a: '{{ x }}' };
    params.self = params;
    expect(thrown(() => compileParams(params)).path).toEqual(['self']);
  });
});
