import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rulesRunnerBin } from '@switchboard/test-support';
import { describe, expect, test } from 'vitest';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const config = fixture('switchboard.yaml');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `rules-runner` CLI of the workspace (no daemon secrets set: the config's defaults apply). */
const rulesRunner = (...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', SINK_URL: '', HOOKS_TOKEN: '', CRM_HMAC_SECRET: '' };
    execFile(
      process.execPath,
      [rulesRunnerBin(), ...args],
      { env, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });

describe('the rules-runner CLI with the webhook plugin', () => {
  test('validate: the config loads the plugin by package name and the rules check', async () => {
    const run = await rulesRunner('validate', '-c', config);
    expect(run.stdout).toContain('ok: 2 adapter instance(s), 2 rule(s)');
    expect(run.code).toBe(0);
  });

  test("test: the package's rule tests pass, webhook bodies given as { source, vendor }", async () => {
    const run = await rulesRunner('test', '-c', config);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('✓ a webhook body in the default shape fires the Sales rule');
    expect(run.stdout).toContain("✓ a PBX body given to `hooks` is mapped with that instance's own mapping");
    expect(run.stdout).toContain('5 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  test('test: a wrong expectation fails with a diff', async () => {
    const run = await rulesRunner('test', '-c', config, fixture('wrong-expectation.test.yaml'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('-     message: order B-99 created for ACME');
    expect(run.stdout).toContain('+     message: order A-42 created for ACME');
  });

  test('replay --dry-run: recorded bodies fire the rules; a body that does not map is a clear, counted error', async () => {
    const run = await rulesRunner('replay', '--dry-run', '-c', config, fixture('replay.ndjson'));
    expect(run.stdout).toContain('line 1: call.offered from crm call c-1 → sales-offer-to-crm');
    expect(run.stdout).toContain('"message":"order A-9 created for ACME"');
    expect(run.stderr).toContain(
      'replay.ndjson:3:1 call.direction ($.call.direction) is "sideways", not one of inbound, outbound, internal [WEBHOOK_INVALID_BODY]',
    );
    expect(run.code).toBe(1);
  });
});
