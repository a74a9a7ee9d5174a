import { describe, expect, test } from 'vitest';
import { runCli } from './runCli.js';

describe('rules-runner test', () => {
  test('passes on the config’s test files', async () => {
    const result = await runCli(['test']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ up in Sales pops the order/);
    expect(result.stdout).toMatch(/✓ up in Support pops nothing/);
    expect(result.stdout).toMatch(/2 passed, 0 failed/);
  });

  test('a wrong expectation fails with a readable diff of expected and actual', async () => {
    const result = await runCli(['test', 'wrong-expectation.test.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ expects the wrong order number wrong-expectation.test.yaml:2:11');
    expect(result.stdout).toContain(
      [
        '    the actions differ:',
        '    - expected',
        '    + actual',
        '      - wakeup:',
        '    -     url: http://webservice1/sales?ordernumber=43',
        '    +     url: http://webservice1/sales?ordernumber=42',
        '          mode: new_frame',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      [
        '    why no `wakeup`:',
        '      ✓ sales-popup rules/sales.yaml:2 on given event 1 (call.answered, recorder.up): fired (its actions are in the diff above)',
      ].join('\n'),
    );
    expect(result.stdout).toMatch(/0 passed, 1 failed\n$/);
    expect(result.stderr).toBe('');
  });

  test('a typo in a given event fails the test with the reason, at the typo', async () => {
    const result = await runCli(['test', 'tests-with-mistakes/given-typos.test.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      [
        '  ✗ a misspelt type makes no "nothing happens" test pass tests-with-mistakes/given-typos.test.yaml:2:11',
        '    given event 1 is not a valid event: unknown event type `call.answerd`; did you mean `call.answered`? at tests-with-mistakes/given-typos.test.yaml:5:15',
        '  ✗ a misspelt field too tests-with-mistakes/given-typos.test.yaml:8:11',
        '    given event 1 is not a valid event: `call` has an unknown property `queu`; did you mean `queue`? at tests-with-mistakes/given-typos.test.yaml:11:28',
      ].join('\n'),
    );
    expect(result.stdout).toMatch(/0 passed, 2 failed\n$/);
  });

  test('a rule that did not fire: the failure and --explain name the false sub-condition', async () => {
    const result = await runCli(['test', '--explain', 'tests-with-mistakes/not-fired.test.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      [
        '  ✗ Sales up in the Support queue expects a pop tests-with-mistakes/not-fired.test.yaml:2:11',
        '    expected 1 action(s), got 0:',
        '    - expected',
        '    + actual',
        '    - - wakeup:',
        '    -     mode: new_frame',
        '    + []',
        '    why no `wakeup`:',
        '      ✗ sales-popup rules/sales.yaml:2 on given event 1 (call.answered): its condition is false: {"==":[{"var":"call.queue"},"Sales"]} is false (call.queue is "Support")',
        '    given event 1 (call.answered) from rec call 2.2:',
        '      ✗ sales-popup rules/sales.yaml:2',
        '          {"==":[{"var":"call.queue"},"Sales"]} → false',
        '            {"var":"call.queue"} → "Support"',
        '          its condition is false: {"==":[{"var":"call.queue"},"Sales"]} is false (call.queue is "Support")',
      ].join('\n'),
    );
  });

  test('--explain on a passing test shows why each listening rule fired', async () => {
    const result = await runCli(['test', '--explain', 'tests/sales.test.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      [
        '    given event 1 (call.answered, recorder.up) from rec call 1.1:',
        '      ✓ sales-popup rules/sales.yaml:2',
        '          {"==":[{"var":"call.queue"},"Sales"]} → true',
        '            {"var":"call.queue"} → "Sales"',
      ].join('\n'),
    );
    expect(result.stdout).toMatch(/2 passed, 0 failed\n$/);
  });

  test('a test file that is not a test file is reported with its position', async () => {
    const result = await runCli(['test', 'broken-rules.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'broken-rules.yaml:1:1 the test file has an unknown property `rules` and no `tests`: did you mean `tests`? [SWB_SCHEMA]\n',
    );
    expect(result.stdout).toBe('0 passed, 0 failed, 1 invalid test file problem(s)\n');
  });
});
