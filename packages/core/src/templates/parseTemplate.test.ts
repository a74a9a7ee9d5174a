import { describe, expect, test } from 'vitest';
import { SwitchboardError } from '../errors/index.js';
import { compileTemplate } from './compileTemplate.js';
import { parseTemplate } from './parseTemplate.js';

function syntaxError(source: string): SwitchboardError {
  try {
    compileTemplate(source, 'text');
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error(`no error for ${source}`);
}

describe('parseTemplate', () => {
  test('splits literals and placeholders, with optional whitespace', () => {
    const parsed = parseTemplate('a {{x}} b {{  vars.y\t}}c');
    expect(parsed.literals).toEqual(['a ', ' b ', 'c']);
    expect(parsed.placeholders.map((p) => [p.offset, p.end, p.path])).toEqual([
      [2, 7, ['x']],
      [10, 23, ['vars', 'y']],
    ]);
  });

  test('a template without placeholders is one literal', () => {
    expect(parseTemplate('plain }} text')).toEqual({ literals: ['plain }} text'], placeholders: [] });
  });

  test('paths: names, indexes and quoted keys, normalized', () => {
    const parsed = parseTemplate(
      `{{ vars["order number"] }}{{ items[0].id }}{{ a['b.c'][12] }}{{ a["plain"] }}{{ $x._y-z }}`,
    );
    expect(parsed.placeholders.map((p) => p.path)).toEqual([
      ['vars', 'order number'],
      ['items', 0, 'id'],
      ['a', 'b.c', 12],
      ['a', 'plain'],
      ['$x', '_y-z'],
    ]);
    expect(parsed.placeholders.map((p) => p.pathText)).toEqual([
      'vars["order number"]',
      'items[0].id',
      'a["b.c"][12]',
      'a.plain',
      '$x._y-z',
    ]);
  });

  test('filters with quoted arguments, escapes and braces inside quotes', () => {
    const [p] = parseTemplate(`{{ x | default: "say \\"}}\\"" | upper|trim }}`).placeholders;
    expect(p?.filters).toEqual([
      { name: 'default', arg: 'say "}}"', offset: 7 },
      { name: 'upper', arg: undefined, offset: 31 },
      { name: 'trim', arg: undefined, offset: 37 },
    ]);
    const [q] = parseTemplate(`{{ x | default:'it\\'s' }}`).placeholders;
    expect(q?.filters[0]?.arg).toBe("it's");
  });
});

describe('syntax errors name the problem and the offset', () => {
  test.each([
    ['hello {{ name', /Unclosed placeholder.*at offset 6 /],
    ['a {{ x | upper', /Unclosed placeholder.*at offset 2 /],
    ['ab{{}}', /Empty placeholder.*at offset 2 /],
    ['ab{{   }}', /Empty placeholder.*at offset 2 /],
    ['{{ x | shout }}', /Unknown filter "shout".*at offset 7 /],
    ['{{ x | constructor }}', /Unknown filter "constructor".*at offset 7 /],
    ['{{ x | default }}', /Filter "default" needs a quoted value.*at offset 7 /],
    ['{{ x | default: n/a }}', /expected a quoted value.*at offset 16 /],
    ['{{ x | upper: "a" }}', /Filter "upper" takes no value at offset 7 /],
    ['{{ x y }}', /Unexpected "y".*at offset 5 /],
    ['{{ x. }}', /Unexpected " ".*expected a name after "\.".*at offset 5 /],
    ['{{ 1x }}', /Unexpected "1".*at offset 3 /],
    ['{{ x[a] }}', /Unexpected "a".*at offset 5 /],
    ['{{ x[0 }}', /Unexpected " ".*expected "\]".*at offset 6 /],
    ['{{ x["a }}', /Unterminated quoted string at offset 5 /],
    ['{{ x | }}', /expected a filter name.*at offset 7 /],
    ['{{ a {{ b }}', /Unexpected "\{".*at offset 5 /],
  ])('%s', (source, message) => {
    const error = syntaxError(source);
    expect(error.code).toBe('SWB_TEMPLATE_SYNTAX');
    expect(error.message).toMatch(message);
  });
});
