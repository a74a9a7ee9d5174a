import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { XcallyEmulator } from '@switchboard/adapter-xcally/testing';
import { type TempDir, tempDir } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LocalRegistry } from './support/LocalRegistry.js';
import { npmCacheDir } from './support/npmCacheDir.js';
import { type NpmResult, npmEnv, runNpm } from './support/npmCommand.js';
import { type PackedPackage, packPackages } from './support/packPackages.js';
import { type InstalledDaemon, startInstalledDaemon } from './support/startInstalledDaemon.js';
import { publishablePackages } from './support/workspacePackages.js';

// What a user does outside this repository: `npm install` the published packages into an empty project,
// then validate, test and run rules from there. The packages come from `npm pack` of this workspace,
// served by a registry on 127.0.0.1 (with every third-party package from the npm cache `npm ci` filled),
// so nothing is fetched from the network and nothing resolves into the workspace.

const config = `adapters:
  xcally:
    use: "@switchboard/adapter-xcally"
    options:
      url: "\${XCALLY_URL:-http://127.0.0.1:8888}"
      protocol: v4
      token: "\${XCALLY_TOKEN}"
      reconnect: { initialMs: 50, maxMs: 500 }
rules: ["rules/*.yaml"]
tests: ["tests/*.test.yaml"]
state: { dir: state }
`;

const rules = `rules:
  - name: sales-order-popup
    on: xcally.up
    if: { "==": [{ var: call.queue }, "Sales"] }
    do:
      - wakeup: { url: "https://crm.example.com/sales?ordernumber={{ vars.ordernumber }}", mode: new_frame }
`;

const ruleTests = `tests:
  - name: up in Sales opens the order page
    given:
      - vendor: { event: up, queue: Sales, uniqueid: "1.1", peer: SIP/andrea, ordernumber: "A&B 42" }
    expect:
      - wakeup: { url: "https://crm.example.com/sales?ordernumber=A%26B%2042", mode: new_frame, peer: SIP/andrea }
`;

/** What `npm install` is given: every published package but the scaffolding tool. */
const installed = (packed: readonly PackedPackage[]) =>
  packed.map((pkg) => pkg.name).filter((name) => name !== 'create-switchboard-adapter');

describe('the packages, packed and installed into a project outside the workspace', {
  timeout: 60_000,
}, () => {
  let work: TempDir;
  let packed: PackedPackage[];
  let registry: LocalRegistry;
  let site: string;
  let install: NpmResult;
  let emulator: XcallyEmulator | undefined;
  let daemon: InstalledDaemon | undefined;
  const bin = () => join(site, 'node_modules', '.bin', 'rules-runner');

  beforeAll(async () => {
    work = await tempDir('switchboard-install-');
    const packs = join(work.path, 'packs');
    await mkdir(packs);
    packed = await packPackages(publishablePackages(), packs);
    registry = await LocalRegistry.start(packed, await npmCacheDir());
    site = join(work.path, 'site');
    await work.write('site/package.json', `${JSON.stringify({ name: 'site', private: true }, null, 2)}\n`);
    await work.write('site/switchboard.yaml', config);
    await work.write('site/rules/sales.yaml', rules);
    await work.write('site/tests/sales.test.yaml', ruleTests);
    install = await runNpm(['install', ...installed(packed)], {
      cwd: site,
      env: npmEnv({ npm_config_registry: registry.url }),
    });
  }, 300_000);

  afterAll(async () => {
    daemon?.kill();
    await emulator?.close();
    await registry?.close();
    // Removing the projects' node_modules takes a while on a loaded machine.
    await work?.remove();
  }, 120_000);

  test('every published package is packed with its build, README and LICENSE, and no sources, tests or maps', () => {
    expect(packed.map((pkg) => pkg.name).sort()).toEqual(
      publishablePackages()
        .map((w) => w.manifest.name)
        .sort(),
    );
    for (const pkg of packed) {
      const files = new Set(pkg.files);
      for (const required of ['package.json', 'README.md', 'LICENSE'])
        expect(files, `${pkg.name} ${required}`).toContain(required);
      // (The scaffolding tool's templates are a project's sources and tests on purpose.)
      const unwanted = pkg.files.filter(
        (file) =>
          !file.startsWith('templates/') &&
          (/^(src|test)\//.test(file) || /\.test\.|\.map$|tsconfig|vitest\.config/.test(file)),
      );
      expect(unwanted, pkg.name).toEqual([]);
      // Every entry point the manifest names is in the tarball.
      const targets = [
        pkg.manifest.main,
        pkg.manifest.types,
        ...Object.values(pkg.manifest.bin ?? {}),
        ...exportTargets(pkg.manifest.exports),
      ].filter((target): target is string => target !== undefined);
      for (const target of targets) {
        const path = target.replace(/^\.\//, '');
        const present = path.endsWith('*')
          ? pkg.files.some((f) => f.startsWith(path.slice(0, -1)))
          : files.has(path);
        expect(present, `${pkg.name}: ${target}`).toBe(true);
      }
    }
  });

  test('npm install needs only the registry on 127.0.0.1 and prints no EBADENGINE', () => {
    expect(install.status, install.output).toBe(0);
    expect(install.output).not.toMatch(/EBADENGINE/);
    expect(registry.missing).toEqual([]);
    expect(registry.asked).toContain('@switchboard/rules-runner');
    for (const name of installed(packed)) {
      const folder = realpathSync(join(site, 'node_modules', name));
      expect(folder.startsWith(realpathSync(site)), `${name} installed at ${folder}`).toBe(true);
    }
  });

  test('one copy of core serves the runner and every adapter (its peer dependency)', () => {
    for (const name of installed(packed)) {
      expect(existsSync(join(site, 'node_modules', name, 'node_modules', '@switchboard', 'core')), name).toBe(
        false,
      );
    }
  });

  test('rules-runner validate and test pass from the project', () => {
    for (const command of ['validate', 'test']) {
      const result = spawnSync(bin(), [command, '--config', 'switchboard.yaml'], {
        cwd: site,
        env: { ...process.env, XCALLY_TOKEN: 'site-secret', NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status, `${command}: ${result.stdout}${result.stderr}`).toBe(0);
      if (command === 'test') expect(result.stdout).toMatch(/1 passed, 0 failed/);
    }
  });

  test('rules-runner start connects to the xCALLY emulator and the rule’s popup arrives there', async () => {
    emulator = await XcallyEmulator.start({ profile: 'v4', token: 'site-secret' });
    daemon = await startInstalledDaemon(bin(), 'switchboard.yaml', {
      cwd: site,
      env: { XCALLY_URL: emulator.url, XCALLY_TOKEN: 'site-secret' },
    });
    await daemon.waitForLog(
      (line) => line.msg.startsWith('connected to xcally-realtime'),
      'the xCALLY connection',
    );
    emulator.emit({
      event: 'up',
      queue: 'Sales',
      uniqueid: '1700000000.1',
      peer: 'SIP/andrea.bianco',
      agentnum: '1000',
      ordernumber: 'A&B 42',
    });
    const [command] = await emulator.waitForCommands('AgentCTI', 1, 15_000);
    expect(command?.payload).toEqual({
      url: 'https://crm.example.com/sales?ordernumber=A%26B%2042',
      peer: 'SIP/andrea.bianco',
      mode: 'new_frame',
    });
    expect(await daemon.stop()).toBe(0);
  });
});

/** The file targets of an `exports` map (conditions and subpaths). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}
