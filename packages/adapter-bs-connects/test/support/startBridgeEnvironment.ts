import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type DaemonProcess,
  launchChromium,
  spawnDaemon,
  type TempDir,
  tempDir,
} from '@switchboard/test-support';
import type { Browser } from 'playwright-core';
import type { BridgeConfig } from '../../src/bridge/BridgeConfig.js';
import type { ConnectsHarness } from '../../src/testing/index.js';
import { built } from './built.js';
import { packageDir } from './packageDir.js';

export interface BridgeEnvironment {
  /** The running daemon (replaced by `restartDaemon`). */
  readonly daemon: DaemonProcess;
  readonly harness: ConnectsHarness;
  readonly browser: Browser;
  readonly dir: TempDir;
  readonly key: string;
  readonly instance: string;
  /** Starts another emulator harness (another "Dynamics" host). */
  startHarness(integrationHtml: string): Promise<ConnectsHarness>;
  /** Builds a bridge web resource for this daemon (another key, other settings). */
  bridgeHtml(overrides?: Partial<BridgeConfig>): string;
  /** The daemon's Prometheus metrics (admin surface, `/metrics`). */
  metrics(): Promise<string>;
  /** Stops the daemon (if running) and starts a new one on the same port. */
  restartDaemon(): Promise<DaemonProcess>;
  close(): Promise<void>;
}

export interface EnvironmentOptions {
  /** Rule file content (YAML). */
  readonly rules: string;
  readonly instance?: string;
  /** Adapter options besides the key (`origins` defaults to the emulated Dynamics host's origin). */
  readonly options?: Record<string, unknown>;
  /** Origins allowed besides the emulated Dynamics host's. */
  readonly extraOrigins?: readonly string[];
  /** Bridge settings besides the daemon URL and key. */
  readonly bridge?: Partial<BridgeConfig>;
  /** Launch Chromium (default true). */
  readonly browser?: boolean;
  /** Write the web resource with the `switchboard-bs-bridge` command, as an admin would (defaults only). */
  readonly viaCli?: boolean;
}

/** Runs the package's `switchboard-bs-bridge` bin (built `dist`) and returns the page it wrote. */
async function bridgeFromCli(
  dir: TempDir,
  daemonUrl: string,
  instance: string,
  key: string,
): Promise<string> {
  const out = join(dir.path, 'connects-bridge.html');
  const bin = join(packageDir, 'bin', 'switchboard-bs-bridge.js');
  const args = [
    bin,
    '--daemon-url',
    daemonUrl,
    '--instance',
    instance,
    '--key-env',
    'BS_BRIDGE_KEY',
    '--out',
    out,
  ];
  await promisify(execFile)(process.execPath, args, { env: { ...process.env, BS_BRIDGE_KEY: key } });
  return readFile(out, 'utf8');
}

async function writeConfig(
  dir: TempDir,
  instance: string,
  options: EnvironmentOptions,
  port: number,
  dynamicsOrigin: string,
): Promise<string> {
  await dir.write('rules.yaml', options.rules);
  const config = {
    adapters: {
      [instance]: {
        use: packageDir,
        options: {
          key: '${BS_BRIDGE_KEY}',
          origins: [dynamicsOrigin, ...(options.extraOrigins ?? [])],
          beforeDialTimeoutMs: 2000,
          ...options.options,
        },
      },
    },
    rules: ['rules.yaml'],
    server: { host: '127.0.0.1', port },
    admin: { host: '127.0.0.1', port: 0 },
    watch: false,
    log: { level: 'debug', format: 'json' },
    shutdown: { drainTimeout: 500 },
  };
  return dir.write('switchboard.yaml', JSON.stringify(config, null, 2));
}

/**
 * The whole picture: the real daemon (`rules-runner start`, config in YAML, key from the environment)
 * with the b+s adapter, the bridge web resource generated for the daemon's address, the emulator
 * harness on another origin serving it, and Chromium.
 */
export async function startBridgeEnvironment(options: EnvironmentOptions): Promise<BridgeEnvironment> {
  const { ConnectsHarness } = await built.testing();
  const instance = options.instance ?? 'bs';
  const key = randomBytes(18).toString('hex');
  const dir = await tempDir('swb-bs-');
  // The emulated Dynamics host first: its origin is the one the daemon allows (`origins`).
  const harness = await ConnectsHarness.start();
  const start = async (port: number) => {
    const config = await writeConfig(dir, instance, options, port, harness.url);
    return spawnDaemon(config, { cwd: dir.path, env: { BS_BRIDGE_KEY: key } });
  };
  let daemon = await start(0);
  const address = daemon.address;
  if (!address) throw new Error('the daemon did not report its HTTP address');
  const { buildBridgeHtml } = await built.main();
  const bridgeHtml = (overrides: Partial<BridgeConfig> = {}) =>
    buildBridgeHtml({
      daemonUrl: address,
      instance,
      key,
      retryMs: 300,
      primaryCheckMs: 500,
      reconnectDelayMaxMs: 500,
      ...options.bridge,
      ...overrides,
    });
  const integrationHtml = options.viaCli ? await bridgeFromCli(dir, address, instance, key) : bridgeHtml();
  harness.setIntegrationHtml(integrationHtml);
  const browser = options.browser === false ? undefined : await launchChromium();
  return {
    get daemon() {
      return daemon;
    },
    harness,
    get browser(): Browser {
      if (!browser) throw new Error('this environment has no browser');
      return browser;
    },
    dir,
    key,
    instance,
    bridgeHtml,
    startHarness: (html) => ConnectsHarness.start({ integrationHtml: html }),
    metrics: async () => {
      const admin = daemon.logs.find((l) => l.msg === 'ready')?.admin;
      if (typeof admin !== 'string') throw new Error('the daemon reported no admin surface');
      const response = await fetch(`${admin}/metrics`);
      return response.text();
    },
    restartDaemon: async () => {
      await daemon.stop();
      daemon = await start(Number(new URL(address).port));
      return daemon;
    },
    close: async () => {
      await browser?.close();
      await harness.close();
      await daemon.stop();
      await dir.remove();
    },
  };
}
