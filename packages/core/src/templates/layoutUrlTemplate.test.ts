import { describe, expect, test } from 'vitest';
import { layoutUrlTemplate } from './layoutUrlTemplate.js';
import { parseTemplate } from './parseTemplate.js';

function places(source: string, raw = false): readonly string[] {
  const { literals, placeholders } = parseTemplate(source);
  return layoutUrlTemplate(
    literals,
    placeholders.map(() => raw),
  ).places;
}

describe('layoutUrlTemplate', () => {
  test.each([
    ['{{ x }}', 'scheme'],
    ['{{ x }}://host/', 'scheme'],
    ['http{{ x }}://host/', 'scheme'],
    ['orders{{ x }}/a', 'scheme'],
    ['https://{{ x }}.crm.example/', 'host'],
    ['https://crm.example:{{ x }}/', 'port'],
    ['https://crm.example{{ x }}:8080/', 'host'],
    ['https://crm.example:80{{ x }}', 'port'],
    ['https://{{ x }}@crm.example/', 'userinfo'],
    ['https://a:{{ x }}@crm.example/', 'userinfo'],
    ['https://{{ x }}@a@crm.example/', 'userinfo'],
    ['https://a@{{ x }}/', 'host'],
    ['https://[{{ x }}]:8080/', 'host'],
    ['https://[::1]:{{ x }}/', 'port'],
    ['https://crm.example{{ x }}?a=1', 'host'],
    ['https://crm.example{{ x }}#a', 'host'],
    ['https://crm.example{{ x }}', 'host'],
    ['https:{{ x }}/', 'host'],
    ['https:\\\\{{ x }}/', 'host'],
    ['//{{ x }}/a', 'host'],
    ['foo://{{ x }}/a', 'host'],
    ['https://h/{{ x }}', 'path'],
    ['https://h/orders/id-{{ x }}/items', 'path'],
    ['https://h\\{{ x }}', 'path'],
    ['/orders/{{ x }}', 'path'],
    ['orders/{{ x }}', 'path'],
    ['mailto:{{ x }}', 'path'],
    ['https://h/p?{{ x }}=1', 'query-key'],
    ['https://h/p?a=1&{{ x }}', 'query-key'],
    ['https://h/p?a={{ x }}', 'query-value'],
    ['https://h/p?a=b=c{{ x }}', 'query-value'],
    ['https://h/p?a=1&b={{ x }}&c=2', 'query-value'],
    ['?a={{ x }}', 'query-value'],
    ['https://h/p?a=1#{{ x }}', 'fragment'],
    ['https://h/p#a?b=&{{ x }}', 'fragment'],
    ['#{{ x }}', 'fragment'],
    ['ht\ntps:/\t/{{ x }}.crm/', 'host'],
  ])('%s → %s', (source, place) => {
    expect(places(source)).toEqual([place]);
  });

  test('several placeholders', () => {
    expect(places('https://{{ t }}.crm/{{ a }}/x-{{ b }}?{{ k }}={{ v }}#{{ f }}')).toEqual([
      'host',
      'path',
      'path',
      'query-key',
      'query-value',
      'fragment',
    ]);
  });

  test('user info, host and port in one authority', () => {
    expect(places('https://{{ u }}:{{ p }}@{{ h }}.crm:{{ n }}/{{ a }}')).toEqual([
      'userinfo',
      'userinfo',
      'host',
      'port',
      'path',
    ]);
  });

  test('whether the host holds literal text', () => {
    const hostHasText = (source: string) => {
      const { literals, placeholders } = parseTemplate(source);
      return layoutUrlTemplate(
        literals,
        placeholders.map(() => false),
      ).hostHasText;
    };
    expect(hostHasText('http://{{ h }}/sales')).toBe(false);
    expect(hostHasText('http://{{ a }}{{ b }}:8080/sales')).toBe(false);
    expect(hostHasText('http://user@{{ h }}/sales')).toBe(false);
    expect(hostHasText('http://{{ h }}.crm/sales')).toBe(true);
    expect(hostHasText('http://crm{{ h }}')).toBe(true);
  });

  test('after a raw placeholder in the scheme, text is read as path', () => {
    expect(places('{{ base }}/orders/{{ id }}?q={{ q }}', true)).toEqual(['scheme', 'path', 'query-value']);
  });

  test('path segments holding placeholders are kept for the dot-segment check', () => {
    const { literals, placeholders } = parseTemplate(
      'https://h/a/{{ x }}/p-{{ y }}.{{ z }}-s/\t{{ w }}?{{ q }}',
    );
    const { segments } = layoutUrlTemplate(
      literals,
      placeholders.map(() => false),
    );
    expect(segments).toEqual([
      { prefix: '', first: 0, last: 0, suffix: '' },
      { prefix: 'p-', first: 1, last: 2, suffix: '-s' },
      { prefix: '', first: 3, last: 3, suffix: '' },
    ]);
  });
});
