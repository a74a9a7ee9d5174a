import { join } from 'node:path';
import { type TempDir, tempDir } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { killDaemons, startDaemon } from './daemonProcess.js';
import { fixtures, runCli } from './runCli.js';

let dir: TempDir | undefined;
afterEach(async () => {
  await killDaemons();
  await dir?.remove();
  dir = undefined;
});

const adapters = `adapters:
  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options: { out: actions.ndjson }
`;

async function configWith(rest: string, files: Record<string, string> = {}): Promise<string> {
  dir = await tempDir();
  for (const [name, text] of Object.entries(files)) await dir.write(name, text);
  return dir.write('switchboard.yaml', `${adapters}${rest}`);
}

const oneRule = `rules:
  - name: note
    on: call.answered
    do:
      - log: { message: "answered" }
`;

describe('a config that does nothing is refused', () => {
  test('a `rules` glob that matches no file: an error at the glob in the config', async () => {
    const config = await configWith('rules: [ rules.yaml, "rulez/*.yaml" ]\n', { 'rules.yaml': oneRule });
    const result = await runCli(['validate', '-c', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${config}:5:22 rules: \`rulez/*.yaml\` matches no file (looked in ${dir?.path}) [SWB_CONFIG_NOT_FOUND]\n1 problem(s) found\n`,
    );
  });

  test('a `rules` file that does not exist: an error at the entry in the config', async () => {
    const config = await configWith('rules:\n  - rules.yaml\n  - more-rules.yaml\n', {
      'rules.yaml': oneRule,
    });
    const result = await runCli(['validate', '-c', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${config}:7:5 rules: \`more-rules.yaml\` does not exist (looked in ${dir?.path}) [SWB_CONFIG_NOT_FOUND]\n1 problem(s) found\n`,
    );
  });

  test.each([
    ['no `rules` at all', ''],
    ['an empty `rules` list', 'rules: []\n'],
    ['rule files without a rule', 'rules: [ empty.yaml ]\n'],
  ])('%s: an error unless `allowNoRules: true`', async (_, rules) => {
    const config = await configWith(rules, { 'empty.yaml': 'rules: []\n' });
    const refused = await runCli(['validate', '-c', config]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^.*switchboard\.yaml:\d+:\d+ the config has no rules, so the daemon would do nothing: list rule files under `rules`, or set `allowNoRules: true` to run without rules \[SWB_CONFIG_NO_RULES\]\n1 problem\(s\) found\n$/,
    );
    await dir?.write('switchboard.yaml', `${adapters}${rules}allowNoRules: true\n`);
    expect(await runCli(['validate', '-c', config])).toMatchObject({
      code: 0,
      stdout: 'ok: 1 adapter instance(s), 0 rule(s)\n',
    });
  });

  test('`start` with a glob that matches nothing never says ready: exit 1 before anything starts', async () => {
    const config = await configWith('rules: [ "rulez/*.yaml" ]\n');
    const daemon = startDaemon(config, { SWITCHBOARD_ADMIN_PORT: '0' }, dir?.path);
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(1);
    expect(daemon.stderr()).toBe(
      `${config}:5:10 rules: \`rulez/*.yaml\` matches no file (looked in ${dir?.path}) [SWB_CONFIG_NOT_FOUND]\nnot started: fix the problems above\n`,
    );
    expect(daemon.lines).toEqual([]);
  });
});
