import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCommonYaml } from '../src/yaml/parseCommonYaml.js';
import { SourceDocument } from '../src/yaml/SourceDocument.js';

/** Every path into a value (the root, each key and item, depth first). */
function* pathsOf(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  yield path;
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* pathsOf(item, [...path, i]);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* pathsOf(v, [...path, k]);
}

/**
 * What the fast parser must guarantee for a text it accepts: the full parser reports no problem, builds
 * the same value, and places every node and key at the same line and column.
 */
function expectSameAsFullParser(text: string): boolean {
  const common = parseCommonYaml(text);
  if (!common) return false;
  const full = SourceDocument.parse('f.yaml', text, { fast: false });
  expect(full.errors.map((e) => e.message)).toEqual([]);
  expect(Object.is(common.value, full.document?.value) || common.value).toStrictEqual(full.document?.value);
  const fast = SourceDocument.parse('f.yaml', text).document as SourceDocument;
  const reference = full.document as SourceDocument;
  for (const path of pathsOf(reference.value)) {
    for (const key of [false, true]) {
      expect(fast.positionOf(path, { key }), `${JSON.stringify(path)} key=${key}`).toEqual(
        reference.positionOf(path, { key }),
      );
    }
  }
  return true;
}

const ruleFile = `# Rules for the sales queue
rules:
  - name: screen pop # the CRM
    on: [call.answered, call.offered]
    from: pbx
    if: {"and":[{"==":[{"var":"call.queue"},"Q0"]},{">=":[{"var":"call.holdSeconds"},10]}]}
    do:
      - http: { url: "http://crm.example/q?caller={{ call.caller }}", method: POST }
        save: crm
        timeout: 2500
      - log:
          message: 'it''s {{ vars.crm.id }}'

  - name: "quoted: name"
    enabled: false
    on: call.ended
    if:
      and:
        - { "==": [ { var: call.queue }, Sales ] }
        - true
    do:
    - set: { done: yes, count: 3, ratio: 1.50, none: ~, list: [1, -2, 0x1F, .inf, 'a b'] }
`;

describe('parseCommonYaml: the fast parser for the YAML rule files are written in', () => {
  test('a rule file in the usual styles: the value and every position of the full parser', () => {
    expect(expectSameAsFullParser(ruleFile)).toBe(true);
    const value = parseCommonYaml(ruleFile)?.value as { rules: Record<string, unknown>[] };
    expect(value.rules[1]?.do).toEqual([
      { set: { done: 'yes', count: 3, ratio: 1.5, none: null, list: [1, -2, 31, Infinity, 'a b'] } },
    ]);
  });

  test.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a plain scalar over two lines', 'a: one\n  two\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['a flow mapping over two lines', 'a: { b: 1,\n  c: 2 }\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate key in a flow mapping', 'a: { b: 1, b: 2 }\n'],
    ['an empty key', 'a: 1\n: 2\n'],
    ['a key after a flow value', 'if: { a: 1 }: x\n'],
    ['a mis-indented key', 'a:\n    b: 1\n  c: 2\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['a CRLF line end', 'a: 1\r\nb: 2\r\n'],
    ['a document marker', '---\na: 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a value that holds a mapping', 'a: b: c\n'],
    ['a \\x escape', 'a: "\\x41"\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['a number as a key', '1: a\n'],
    ['a lone dash in a flow sequence', 'a: [-]\n'],
    ['a text that is a scalar', 'just text\n'],
    ['an empty text', '# nothing\n'],
  ])('%s: left to the full parser', (_name, text) => {
    expect(parseCommonYaml(text)).toBeUndefined();
  });

  test('every YAML file of the repository: the fast parser reads most, and each the same as the full parser', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f !== '');
    let fast = 0;
    for (const file of files) if (expectSameAsFullParser(readFileSync(`${root}/${file}`, 'utf8'))) fast++;
    expect(files.length).toBeGreaterThan(20);
    expect(fast / files.length).toBeGreaterThan(0.6);
  }, 60_000);

  test('property: a random YAML text is either left to the full parser or read exactly as it reads it', () => {
    const simple = [
      'a',
      'call.queue',
      'Q1',
      '1',
      '-2',
      '1.50',
      'null',
      'true',
      'a b',
      'http://x/{{ a }}',
      "it's",
    ];
    const scalars = [
      'a',
      'call.queue',
      'Q1',
      '1',
      '-2',
      '+3',
      '007',
      '0o17',
      '0x1F',
      '1.50',
      '1e3',
      '.5',
      '.inf',
      '-.Inf',
      '.nan',
      'null',
      'Null',
      '~',
      'true',
      'False',
      'yes',
      'on',
      '',
      'a b',
      'a:b',
      'a: b',
      'a #b',
      'a#b',
      '#x',
      "it's",
      'say "hi"',
      'back\\slash',
      'tab\there',
      'line\nbreak',
      '{{ call.caller }}',
      'http://x/{{ a }}?b=1&c=[2]',
      '[x]',
      '{x}',
      'x]',
      '-',
      '- x',
      '-x',
      '?',
      ':x',
      ',',
      'é ✓',
      '__proto__',
      'toString',
      '<<',
      '&a',
      '*a',
      '!t',
      '|',
      '>',
      '%',
      '@',
      '`',
      '---',
      '...',
    ];
    const keys = ['name', 'on', 'do', 'if', 'a', 'b', 'a b', 'toString', '"q"', "'s'", 'x.y'];
    const trickyKeys = ['1', 'true', 'x:y', 'a #b', 'null', '"a" ', '-a', '? a'];
    type Tree =
      | { kind: 'scalar'; text: string }
      | { kind: 'seq'; items: Tree[] }
      | { kind: 'map'; pairs: [string, Tree][] };
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc
          .oneof({ arbitrary: fc.constantFrom(...simple), weight: 4 }, fc.constantFrom(...scalars))
          .map((text) => ({ kind: 'scalar' as const, text })),
        fc.array(tie('tree'), { maxLength: 3 }).map((items) => ({ kind: 'seq' as const, items })),
        fc
          .array(
            fc.tuple(
              fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 6 }, fc.constantFrom(...trickyKeys)),
              tie('tree'),
            ),
            { maxLength: 3 },
          )
          .map((pairs) => ({ kind: 'map' as const, pairs })),
      ),
    }));
    // Rendering draws its formatting choices from a list of numbers, so shrinking stays meaningful.
    const text = fc
      .tuple(
        tree,
        fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom(
              ' ',
              ':',
              '-',
              '#',
              '"',
              "'",
              '{',
              '}',
              '[',
              ']',
              ',',
              '\n',
              'a',
              '&',
              '|',
              '\t',
              '',
            ),
          ),
          { maxLength: 3 },
        ),
      )
      .map(([root, choices, mutations]) => {
        const t: Tree = root.kind === 'scalar' ? { kind: 'map', pairs: [['rules', root]] } : root;
        let n = 0;
        const pick = (k: number) => (choices[n++ % choices.length] as number) % k;
        const scalar = (s: string): string => {
          const q = pick(3);
          if (q === 1) return JSON.stringify(s);
          if (q === 2) return `'${s.replaceAll("'", "''")}'`;
          return s;
        };
        const flow = (v: Tree): string => {
          if (v.kind === 'scalar') return scalar(v.text);
          if (v.kind === 'seq') return `[${v.items.map(flow).join(pick(2) ? ', ' : ',')}]`;
          return `{${v.pairs.map(([k, x]) => `${k}${pick(2) ? ': ' : ':'}${flow(x)}`).join(', ')}}`;
        };
        const lines: string[] = [];
        const comment = () => (pick(4) === 0 ? ' # note' : '');
        // `lead` starts the value's first line: its indentation, `key:` or `-` (then `indent` is the
        // column of the key or dash).
        const block = (v: Tree, indent: number, lead: string): void => {
          const isKey = lead.endsWith(':');
          const isItem = lead.endsWith('-');
          const size = v.kind === 'seq' ? v.items.length : v.kind === 'map' ? v.pairs.length : 0;
          if (size === 0 || pick(4) === 0) {
            lines.push(`${lead}${isKey || isItem ? ' ' : ''}${flow(v)}${comment()}`);
            return;
          }
          if (isItem && v.kind === 'map' && pick(2)) {
            const col = indent + 2;
            v.pairs.forEach(([k, x], j) => {
              block(x, col, `${j === 0 ? `${lead} ` : ' '.repeat(col)}${k}:`);
            });
            return;
          }
          if (isKey || isItem) {
            lines.push(`${lead}${comment()}`);
            const inner = isKey && v.kind === 'seq' && pick(2) ? indent : indent + 1 + pick(4);
            block(v, inner, ' '.repeat(inner));
            return;
          }
          if (v.kind === 'seq') for (const item of v.items) block(item, indent, `${' '.repeat(indent)}-`);
          else if (v.kind === 'map')
            for (const [k, x] of v.pairs) block(x, indent, `${' '.repeat(indent)}${k}:`);
          if (pick(5) === 0) lines.push(pick(2) ? '' : '  # a comment line');
        };
        block(t, 0, '');
        let out = `${lines.join('\n')}\n`;
        for (const [at, ch] of mutations) {
          const i = at % (out.length + 1);
          out = ch === '' ? out.slice(0, i) + out.slice(i + 1) : out.slice(0, i) + ch + out.slice(i);
        }
        return out;
      });
    let accepted = 0;
    const runs = Number(process.env.FC_RUNS ?? 1500);
    fc.assert(
      fc.property(text, (t) => {
        if (expectSameAsFullParser(t)) accepted++;
      }),
      { numRuns: runs, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
    // The generator must exercise the fast path, not only its refusals.
    expect(accepted).toBeGreaterThan(runs / 5);
  }, 120_000);
});
