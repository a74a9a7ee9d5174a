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
    expect(result.stderr).toContain('0 passed, 1 failed');
  });

  test('a test file that is not a test file is reported with its position', async () => {
    const result = await runCli(['test', 'broken-rules.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'broken-rules.yaml:1:1 the test file is missing the required property `tests` [SWB_SCHEMA]',
    );
  });
});
