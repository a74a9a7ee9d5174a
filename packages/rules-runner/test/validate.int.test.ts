import { describe, expect, test } from 'vitest';
import { runCli } from './runCli.js';

describe('rules-runner validate', () => {
  test('a broken rule file: exit 1 and each problem as file:line:col message', async () => {
    const result = await runCli(['validate', 'broken-rules.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'broken-rules.yaml:5:9 unknown action `wakup`; did you mean `wakeup`? [SWB_RULE_UNKNOWN_ACTION]',
      'broken-rules.yaml:8:64 unknown json-logic operator `lenght` (operators: == === != !== > >= < <= ! !! and or if ?: var missing missing_some in cat substr + - * / % min max merge map filter reduce all none some log) [SWB_RULE_UNKNOWN_OPERATOR]',
      'broken-rules.yaml:14:9 mis-indented `url:`, `mode:`: indent them under `wakeup:`, more than `wakeup` itself [SWB_RULE_UNKNOWN_ACTION]',
      'broken-rules.yaml:18:9 unknown event type `call.anwsered`; did you mean `call.answered`? [SWB_RULE_UNKNOWN_EVENT]',
      '4 problem(s) found',
    ]);
    expect(result.stdout).toBe('');
  });

  test('a YAML syntax error is reported at its line', async () => {
    const result = await runCli(['validate', 'syntax-error.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'syntax-error.yaml:7:10 `mode:` (column 10) lines up with no key above it: `url:` on line 6 starts at column 11, `wakeup:` on line 5 at column 9 [SWB_YAML_SYNTAX]\n1 problem(s) found\n',
    );
  });

  test('the config and its rules: ok', async () => {
    const result = await runCli(['validate']);
    expect(result).toMatchObject({ code: 0, stdout: 'ok: 1 adapter instance(s), 1 rule(s)\n', stderr: '' });
  });

  test('a missing config and a config with problems: clear messages, exit 1, no stack trace', async () => {
    const missing = await runCli(['validate', '-c', 'nope.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'nope.yaml:1:1 config file not found (use --config <file>) [SWB_CONFIG_NOT_FOUND]\n1 problem(s) found\n',
    );
    const bad = await runCli(['validate', '-c', 'bad-config.yaml']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'bad-config.yaml:3:10 cannot find adapter `switchboard-adapter-nope` (is it installed? npm install switchboard-adapter-nope) [SWB_PLUGIN_LOAD]',
    );
    expect(bad.stderr).toContain(
      'bad-config.yaml:6:14 options of `rec` is missing the required property `out` [SWB_SCHEMA]',
    );
    expect(bad.stderr).toContain(
      'bad-config.yaml:8:10 environment variable `NOT_SET_ANYWHERE` is not set (read as `${NOT_SET_ANYWHERE}`) [SWB_CONFIG_MISSING_ENV]',
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  test('a missing ${VAR} in adapter options is one problem, not a cascade through the rules', async () => {
    const result = await runCli(['validate', '-c', 'missing-env-config.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'missing-env-config.yaml:4:21 environment variable `SWITCHBOARD_TEST_UNSET_OUT` is not set (read as `${SWITCHBOARD_TEST_UNSET_OUT}`) [SWB_CONFIG_MISSING_ENV]',
      '1 problem(s) found',
    ]);
  });

  test('usage errors exit 2: an unknown command, an unknown flag, no command at all', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['validate', '--no-such-flag'])).code).toBe(2);
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: rules-runner');
    expect((await runCli(['start', '--log-format', 'xml'])).code).toBe(2);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate');
  });
});
