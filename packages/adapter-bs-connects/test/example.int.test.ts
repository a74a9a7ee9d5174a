import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rulesRunnerBin } from '@switchboard/test-support';
import { describe, expect, it } from 'vitest';
import { packageDir } from './support/packageDir.js';

const run = promisify(execFile);
const env = { ...process.env, BS_BRIDGE_KEY: 'example-key-0123456789', NO_COLOR: '1' };

describe('the example config, rules and rule tests (rules-runner, no b+s needed)', () => {
  it('validates', async () => {
    const { stdout } = await run(
      process.execPath,
      [rulesRunnerBin(), 'validate', '-c', 'example/switchboard.yaml'],
      { cwd: packageDir, env },
    );
    expect(stdout).toContain('ok: 1 adapter instance(s), 4 rule(s)');
  });

  it('passes its rule tests, given recorded Integration API payloads', async () => {
    const { stdout } = await run(
      process.execPath,
      [rulesRunnerBin(), 'test', '-c', 'example/switchboard.yaml'],
      { cwd: packageDir, env },
    );
    expect(stdout).toContain('5 passed, 0 failed');
  });
});
