import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { ValidationSeverity, type ValidatorSettings, validate } from 'dockerfile-utils';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './repoRoot.js';
import { serviceSetting } from './systemdUnit.js';

// deploy/Containerfile cannot be built here (no container engine) and hadolint is in neither npm nor
// Debian: dockerfile-utils (the Dockerfile language server's linter) checks its syntax and instructions,
// and the tests below check what docs/deploy.md promises of the image. Its recipe (npm ci, npm pack, install
// the tarballs, start) is the one of the pack-and-install test.

const text = readFileSync(`${repoRoot}/deploy/Containerfile`, 'utf8');
const dockerfile = DockerfileParser.parse(text);
const strict: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

const args = (instruction: Instruction) =>
  instruction
    .getArguments()
    .map((arg) => arg.getValue())
    .join(' ');

/** The instructions of the last stage (the image that runs), after its FROM. */
function finalStage(): Instruction[] {
  const instructions = dockerfile.getInstructions();
  const lastFrom = instructions.findLastIndex((i) => i.getKeyword() === 'FROM');
  return instructions.slice(lastFrom + 1);
}

const keyword = (stage: Instruction[], name: string) => stage.filter((i) => i.getKeyword() === name);

describe('deploy/Containerfile', () => {
  test('the Dockerfile linter finds nothing, and does find a mistake', () => {
    expect(validate(text, strict).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    const broken = text.replace('--interval=30s', '--intervall=30s');
    expect(validate(broken, strict).map((d) => d.message)).toContain('Unknown flag: intervall');
  });

  test('both stages are Node 20 on Debian', () => {
    expect(dockerfile.getFROMs().map((from) => from.getImage())).toEqual([
      'node:20-bookworm-slim',
      'node:20-bookworm-slim',
    ]);
  });

  test('it packs core, rules-runner and every vendor adapter of this repository', () => {
    const adapters = readdirSync(`${repoRoot}/packages`).filter((name) => name.startsWith('adapter-'));
    const packed = [...text.matchAll(/-w (@switchboard\/[\w-]+)/g)].map((m) => m[1]);
    expect(packed.sort()).toEqual(
      ['core', 'rules-runner', ...adapters].map((name) => `@switchboard/${name}`).sort(),
    );
    for (const name of packed) {
      const dir = name?.replace('@switchboard/', '');
      const manifest = JSON.parse(readFileSync(`${repoRoot}/packages/${dir}/package.json`, 'utf8'));
      expect(manifest.name).toBe(name);
    }
    // npm pack --pack-destination does not create the folder.
    expect(text.indexOf('mkdir /packs')).toBeGreaterThan(0);
    expect(text.indexOf('mkdir /packs')).toBeLessThan(text.indexOf('npm pack --pack-destination /packs'));
  });

  test('it runs as a non-root user created in the image, up to the entry point', () => {
    const stage = finalStage();
    const users = keyword(stage, 'USER').map(args);
    expect(users).toEqual(['switchboard']);
    expect(text).toMatch(/useradd --system --uid 10001 --gid switchboard /);
    const userLine = keyword(stage, 'USER')[0]?.getRange().start.line ?? Infinity;
    const entrypoint = keyword(stage, 'ENTRYPOINT')[0];
    expect(userLine).toBeLessThan(entrypoint?.getRange().start.line ?? -1);
  });

  test('the same layout as the systemd unit: program, config, state folder', () => {
    const stage = finalStage();
    expect(keyword(stage, 'ENTRYPOINT').map(args)).toEqual([
      '["/opt/switchboard/node_modules/.bin/rules-runner"]',
    ]);
    const unitConfig = / --config (\S+)/.exec(serviceSetting('ExecStart') ?? '')?.[1];
    expect(keyword(stage, 'CMD').map(args)).toEqual([`["start", "--config", "${unitConfig}"]`]);
    expect(keyword(stage, 'VOLUME').map(args)).toEqual([`["/var/lib/${serviceSetting('StateDirectory')}"]`]);
    expect(keyword(stage, 'EXPOSE').map(args)).toEqual(['8787 8788']);
  });

  test('a HEALTHCHECK calls /healthz through deploy/healthcheck.mjs on the admin port it sets', () => {
    const stage = finalStage();
    const checks = dockerfile.getHEALTHCHECKs();
    expect(checks).toHaveLength(1);
    expect(checks[0]?.getFlags().map((flag) => `${flag.getName()}=${flag.getValue()}`)).toEqual([
      'interval=30s',
      'timeout=5s',
      'start-period=60s',
      'retries=3',
    ]);
    expect(args(keyword(stage, 'HEALTHCHECK')[0] as Instruction)).toBe(
      'CMD ["node", "/opt/switchboard/healthcheck.mjs"]',
    );
    expect(keyword(stage, 'COPY').map(args)).toContain(
      'deploy/healthcheck.mjs /opt/switchboard/healthcheck.mjs',
    );
    expect(existsSync(`${repoRoot}/deploy/healthcheck.mjs`)).toBe(true);
    expect(keyword(stage, 'ENV').map(args).join(' ')).toContain('SWITCHBOARD_ADMIN_PORT=8788');
  });

  test('the build context leaves out what npm ci makes again, and the git folder', () => {
    const ignored = readFileSync(`${repoRoot}/.dockerignore`, 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});
