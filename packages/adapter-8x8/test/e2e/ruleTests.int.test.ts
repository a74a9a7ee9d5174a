import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rulesRunnerBin } from '@switchboard/test-support';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const config = fileURLToPath(new URL('../fixtures/rules/switchboard.yaml', import.meta.url));

describe('rules with 8x8 events, checked and unit-tested by rules-runner with no 8x8 system', () => {
  test('`rules-runner validate` accepts 8x8.<vendorEvent> names and the dial action', async () => {
    const { stdout } = await run(process.execPath, [rulesRunnerBin(), 'validate', '-c', config]);
    expect(stdout).toContain('ok: 1 adapter instance(s), 3 rule(s)');
  });

  test('`rules-runner test` maps recorded SAPI and Maestro payloads with the manifest mapping', async () => {
    const { stdout } = await run(process.execPath, [rulesRunnerBin(), 'test', '-c', config], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(stdout).toContain('3 passed, 0 failed');
  });
});
