import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type TempDir, tempDir } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LocalRegistry } from './support/LocalRegistry.js';
import { npmCacheDir } from './support/npmCacheDir.js';
import { type NpmResult, npmEnv, runNpm } from './support/npmCommand.js';
import { type PackedPackage, packPackages } from './support/packPackages.js';
import { type InstalledDaemon, startInstalledDaemon } from './support/startInstalledDaemon.js';
import { publishablePackages } from './support/workspacePackages.js';

// `npm init switchboard-adapter my-pbx` exactly as a user runs it: npm turns it into `npm exec
// create-switchboard-adapter` and fetches that package from the registry, here a registry on 127.0.0.1
// serving this workspace's packed packages (and third-party packages from the npm cache). Then the
// generated project's own `npm install && npm test`, and the plugin, packed, loaded by package name from
// a daemon config in another project, its events firing a rule.

/** The emulator class the generated `./testing` export has (`MyPbxEmulator`). */
interface GeneratedEmulator {
  readonly url: string;
  emit(frame: Record<string, unknown>): number;
  waitForClients(count?: number, timeoutMs?: number): Promise<void>;
  waitForCommands(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

describe('npm init switchboard-adapter, outside the workspace', { timeout: 60_000 }, () => {
  let work: TempDir;
  let packed: PackedPackage[];
  let registry: LocalRegistry;
  let npmCache: string;
  let emulator: GeneratedEmulator | undefined;
  let daemon: InstalledDaemon | undefined;
  const registryEnv = () => npmEnv({ npm_config_registry: registry.url, npm_config_cache: npmCache });

  beforeAll(async () => {
    work = await tempDir('switchboard-scaffold-');
    await mkdir(join(work.path, 'packs'));
    await mkdir(join(work.path, 'projects'));
    packed = await packPackages(publishablePackages(), join(work.path, 'packs'));
    npmCache = await npmCacheDir();
    registry = await LocalRegistry.start(packed, npmCache);
  }, 120_000);

  afterAll(async () => {
    daemon?.kill();
    await emulator?.close();
    await registry?.close();
    // Removing the projects' node_modules takes a while on a loaded machine.
    await work?.remove();
  }, 120_000);

  /** `npm init switchboard-adapter <args>` in `projects/`: a fresh npm cache, so npm exec fetches the package now. */
  async function npmInit(...args: string[]): Promise<NpmResult> {
    const cache = join(work.path, `init-cache-${args[0]}`);
    return runNpm(['init', 'switchboard-adapter', ...args], {
      cwd: join(work.path, 'projects'),
      // npm asks before it installs an initializer; `yes` answers as a script must.
      env: npmEnv({ npm_config_registry: registry.url, npm_config_cache: cache, npm_config_yes: 'true' }),
      timeoutMs: 120_000,
    });
  }

  async function installAndTest(project: string): Promise<void> {
    const install = await runNpm(['install'], { cwd: project, env: registryEnv(), timeoutMs: 240_000 });
    expect(install.status, install.output).toBe(0);
    expect(install.output).not.toMatch(/EBADENGINE/);
    const tested = await runNpm(['test'], { cwd: project, env: registryEnv(), timeoutMs: 240_000 });
    expect(tested.status, tested.output).toBe(0);
    expect(tested.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(tested.stdout).not.toMatch(/failed|skipped/);
  }

  // The two projects install and test at the same time: most of it is waiting for npm.
  test.concurrent('npm init switchboard-adapter my-pbx writes a TypeScript project whose npm install && npm test pass', async () => {
    const result = await npmInit('my-pbx');
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('Created switchboard-adapter-my-pbx');
    expect(registry.asked).toContain('create-switchboard-adapter');
    const project = join(work.path, 'projects', 'my-pbx');
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    const core = packed.find((pkg) => pkg.name === '@switchboard/core');
    expect(manifest).toMatchObject({
      name: 'switchboard-adapter-my-pbx',
      keywords: expect.arrayContaining(['switchboard-adapter']),
      peerDependencies: { '@switchboard/core': `^${core?.version}` },
    });
    for (const file of [
      'src/manifest.ts',
      'src/testing/MyPbxEmulator.ts',
      'test/daemon.int.test.ts',
      'README.md',
    ]) {
      expect(existsSync(join(project, file)), file).toBe(true);
    }
    await installAndTest(project);
  }, 480_000);

  test.concurrent('npm init switchboard-adapter js-pbx -- --js writes a plain JavaScript project whose npm install && npm test pass', async () => {
    const result = await npmInit('js-pbx', '--', '--js');
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('JavaScript');
    const project = join(work.path, 'projects', 'js-pbx');
    expect(existsSync(join(project, 'src', 'manifest.js'))).toBe(true);
    expect(existsSync(join(project, 'tsconfig.json'))).toBe(false);
    await installAndTest(project);
  }, 480_000);

  test('the plugin, packed and installed in another project, loads by package name and its events fire a rule', async () => {
    const project = join(work.path, 'projects', 'my-pbx');
    const pack = await runNpm(['pack', '--json', '--pack-destination', join(work.path, 'packs')], {
      cwd: project,
      env: registryEnv(),
    });
    expect(pack.status, pack.output).toBe(0);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    const site = join(work.path, 'site');
    await work.write('site/package.json', '{ "name": "site", "private": true }\n');
    await work.write(
      'site/switchboard.yaml',
      [
        'adapters:',
        '  pbx:',
        '    use: switchboard-adapter-my-pbx',
        '    options: { url: "${PBX_URL}", token: "${PBX_TOKEN}", reconnect: { initialMs: 50, maxMs: 500 } }',
        'rules: ["rules/*.yaml"]',
        'state: { dir: state }',
        '',
      ].join('\n'),
    );
    await work.write(
      'site/rules/popup.yaml',
      'rules:\n  - name: ring-popup\n    on: my-pbx.ring\n    do:\n      - popup: { url: "https://crm.example.com/callers/{{ call.caller }}" }\n',
    );
    const install = await runNpm(
      ['install', '@switchboard/rules-runner', join(work.path, 'packs', filename)],
      {
        cwd: site,
        env: registryEnv(),
        timeoutMs: 240_000,
      },
    );
    expect(install.status, install.output).toBe(0);
    expect(install.output).not.toMatch(/EBADENGINE/);

    // The emulator comes from the installed package's `./testing` export.
    const testing = createRequire(join(site, 'package.json')).resolve('switchboard-adapter-my-pbx/testing');
    const { MyPbxEmulator } = (await import(pathToFileURL(testing).href)) as {
      MyPbxEmulator: { start(options: { token: string }): Promise<GeneratedEmulator> };
    };
    emulator = await MyPbxEmulator.start({ token: 'site-token' });
    daemon = await startInstalledDaemon(
      join(site, 'node_modules', '.bin', 'rules-runner'),
      'switchboard.yaml',
      {
        cwd: site,
        env: { PBX_URL: emulator.url, PBX_TOKEN: 'site-token' },
      },
    );
    await daemon.waitForLog((line) => line.msg.startsWith('connected to my-pbx events'), 'the connection');
    await emulator.waitForClients(1);
    emulator.emit({ event: 'ring', callId: 'c-7', caller: '+32 2 555', agent: '1007' });
    const [command] = await emulator.waitForCommands(1, 15_000);
    expect(command).toEqual({
      command: 'popup',
      agent: '1007',
      url: 'https://crm.example.com/callers/%2B32%202%20555',
    });
    expect(await daemon.stop()).toBe(0);
  }, 300_000);
});
