// Node-RED 4.1 (bench/node-red, installed on demand, not part of the root install) started with a settings
// file and a flow file written here: HTTP bound to 127.0.0.1, editor and admin API off, a temporary userDir.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup } from './processes.mjs';

const home = fileURLToPath(new URL('../../node-red/', import.meta.url));
const redJs = join(home, 'node_modules', 'node-red', 'red.js');

/** Installs bench/node-red from its lock file when it is missing (the root `npm ci` leaves it out). */
export function ensureNodeRed() {
  if (existsSync(redJs)) return;
  process.stderr.write('installing Node-RED for the benchmark (bench/node-red, npm ci)\n');
  execFileSync('npm', ['ci', '--prefix', home, '--prefer-offline', '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export function nodeRedVersion() {
  return JSON.parse(
    execFileSync(
      process.execPath,
      [
        '-p',
        `JSON.stringify(require(${JSON.stringify(join(home, 'node_modules/node-red/package.json'))}).version)`,
      ],
      { encoding: 'utf8' },
    ),
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts Node-RED on `flows` in a fresh userDir under `tmp`; resolves once `ready(url)` is true (polled
 * every 100 ms, at most 60 s: the flows are deployed only after the HTTP server listens).
 */
export async function startNodeRed({ flows, tmp, ready }) {
  const userDir = await mkdtemp(join(tmp, 'node-red-'));
  const port = await freePort();
  const settings = join(userDir, 'settings.cjs');
  await writeFile(join(userDir, 'flows.json'), JSON.stringify(flows));
  await writeFile(
    settings,
    `module.exports = ${JSON.stringify(
      {
        uiHost: '127.0.0.1',
        uiPort: port,
        userDir,
        flowFile: 'flows.json',
        credentialSecret: false,
        httpAdminRoot: false,
        httpNodeRoot: '/',
        disableEditor: true,
        logging: { console: { level: 'warn', metrics: false, audit: false } },
        diagnostics: { enabled: false },
        runtimeState: { enabled: false },
        telemetry: { enabled: false },
        externalModules: {
          autoInstall: false,
          palette: { allowInstall: false },
          modules: { allowInstall: false },
        },
        functionExternalModules: false,
        editorTheme: { projects: { enabled: false } },
      },
      null,
      2,
    )};\n`,
  );
  const server = spawnGroup([redJs, '--settings', settings, '--userDir', userDir], { cwd: userDir });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`Node-RED exited\n${server.output()}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`Node-RED not ready within 60 s\n${server.output()}`);
    }
    if (await ready(url).catch(() => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ...server, pid: server.child.pid, url };
}
