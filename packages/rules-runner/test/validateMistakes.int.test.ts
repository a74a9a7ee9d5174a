import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateCommand } from '../src/cli/validateCommand.js';
import { SecretRedactor } from '../src/logging/SecretRedactor.js';
import { fixtures, runCli } from './runCli.js';

/**
 * A corpus of realistic authoring mistakes (test/fixtures/mistakes): each file holds one, and says in
 * `# expect:` (errors) and `# warning:` lines exactly what `validate` must print for it, as
 * `line:col message [CODE]`. Exact lines: each mistake once, at its place, nothing else.
 */
const dir = join(fixtures, 'mistakes');
const config = join(dir, 'switchboard.yaml');

interface Mistake {
  readonly name: string;
  readonly path: string;
  readonly errors: string[];
  readonly warnings: string[];
}

const corpus: Mistake[] = readdirSync(dir)
  .filter((f) => /^\d\d-.+\.yaml$/.test(f))
  .sort()
  .map((name) => {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    const pick = (tag: string) =>
      lines.filter((l) => l.startsWith(`# ${tag}: `)).map((l) => `${name}:${l.slice(tag.length + 4)}`);
    return { name, path: join(dir, name), errors: pick('expect'), warnings: pick('warning') };
  });

/** validate in this process (the CLI's own function), printing through a capturing output. */
async function validate(files: string[], strict = false) {
  const out: string[] = [];
  const err: string[] = [];
  const output = {
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    redactor: new SecretRedactor(),
  };
  const code = await validateCommand({ config, files, strict }, output);
  return { code, out, err };
}

/** Expected lines name files as the CLI shows them: relative to the working directory. */
const shown = (m: Mistake, lines: readonly string[]) => {
  const display = relative(process.cwd(), m.path);
  return lines.map((l) => l.split(`${m.name}:`).join(`${display}:`));
};

describe('validate on a corpus of realistic mistakes', () => {
  test('the corpus holds at least 20 mistakes, each with what validate must say', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    for (const m of corpus) expect(m.errors.length + m.warnings.length, m.name).toBeGreaterThan(0);
  });

  test.each(corpus.filter((m) => m.errors.length > 0))(
    '$name: each problem once, at its place; exit 1',
    async (m) => {
      const result = await validate([m.path]);
      expect(result.err).toEqual([
        ...shown(m, m.errors),
        ...shown(m, m.warnings).map((w) => `${w} (warning)`),
        `${m.errors.length} problem(s) found`,
      ]);
      expect(result.code).toBe(1);
      expect(result.out).toEqual([]);
    },
  );

  test.each(corpus.filter((m) => m.errors.length === 0))(
    '$name: a warning, exit 0; an error with --strict, exit 1',
    async (m) => {
      const lenient = await validate([m.path]);
      expect(lenient.err).toEqual(shown(m, m.warnings).map((w) => `${w} (warning)`));
      expect(lenient.code).toBe(0);
      expect(lenient.out).toEqual([
        `ok: 1 adapter instance(s), 1 rule(s), ${m.warnings.length} warning(s) (--strict makes them errors)`,
      ]);
      const strict = await validate([m.path], true);
      expect(strict.err).toEqual([
        ...shown(m, m.warnings).map((w) => `${w} (warning, an error with --strict)`),
        `${m.warnings.length} problem(s) found`,
      ]);
      expect(strict.code).toBe(1);
    },
  );

  test('the rules-runner command on the whole corpus: every line, file by file, exit 1', async () => {
    const result = await runCli(['validate', ...corpus.map((m) => m.name)], {}, dir);
    const errors = corpus.flatMap((m) => m.errors);
    const warnings = corpus.flatMap((m) => m.warnings).map((w) => `${w} (warning)`);
    expect(result.stderr).toBe([...errors, ...warnings, `${errors.length} problem(s) found`, ''].join('\n'));
    expect(result.code).toBe(1);
    const strict = await runCli(['validate', '--strict', ...corpus.map((m) => m.name)], {}, dir);
    expect(strict.stderr).toContain(`${errors.length + warnings.length} problem(s) found`);
    expect(strict.code).toBe(1);
  });
});

describe('mistakes in the config: the root cause, and nothing it causes', () => {
  const configs = join(dir, 'configs');
  test.each([
    [
      'adapter-name-typo.yaml',
      [
        'adapter-name-typo.yaml:4:10 cannot find adapter `@switchboard/adapter-xcaly` (is it installed? npm install @switchboard/adapter-xcaly) [SWB_PLUGIN_LOAD]',
      ],
    ],
    [
      'plugin-not-installed.yaml',
      [
        'plugin-not-installed.yaml:7:10 cannot find adapter `switchboard-adapter-cti-bot` (is it installed? npm install switchboard-adapter-cti-bot) [SWB_PLUGIN_LOAD]',
        // A slip of a known action is still a mistake of its own.
        'plugin-not-installed.rules.yaml:10:9 unknown action `wakup`; did you mean `wakeup`? [SWB_RULE_UNKNOWN_ACTION]',
      ],
    ],
    [
      'rules-glob-typo.yaml',
      [
        `rules-glob-typo.yaml:6:9 rules: \`rule/*.yaml\` matches no file (looked in ${configs}) [SWB_CONFIG_NOT_FOUND]`,
      ],
    ],
    [
      'config-key-typo.yaml',
      [
        'config-key-typo.yaml:7:1 the config has an unknown property `admn`; did you mean `admin`? [SWB_SCHEMA]',
      ],
    ],
  ])('%s', async (file, lines) => {
    const result = await runCli(['validate', '-c', file], {}, configs);
    expect(result.stderr).toBe([...lines, `${lines.length} problem(s) found`, ''].join('\n'));
    expect(result.code).toBe(1);
  });
});
