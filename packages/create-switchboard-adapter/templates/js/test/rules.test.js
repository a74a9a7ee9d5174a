import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { rulesRunner } from './support/startDaemon.js';

const config = fileURLToPath(new URL('../example/switchboard.yaml', import.meta.url));

it('the example rules pass their tests (rules-runner test, vendor frames mapped by the adapter)', () => {
  const result = spawnSync(process.execPath, [rulesRunner, 'test', '--config', config], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toMatch(/[1-9]\d* passed, 0 failed/);
});
