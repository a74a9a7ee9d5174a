import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir } from '@switchboard/test-support';

/** This package's folder: configs `use:` it by path, so they work from any temp folder. */
export const packageDir = fileURLToPath(new URL('../..', import.meta.url));

export interface XucmgtDaemon {
  readonly daemon: DaemonProcess;
  readonly dir: TempDir;
  /** What XucMgt's `THIRD_PARTY_URL` would be set to. */
  readonly thirdPartyUrl: string;
  /** Every log line and stderr, as one string (to look for secrets). */
  allOutput(): string;
  /**
   * Stops the daemon with `signal` (SIGKILL: a crash) and starts it again on the same config and state
   * folder; resolves with the new one (on a new port).
   */
  restart(signal: NodeJS.Signals): Promise<XucmgtDaemon>;
  stop(): Promise<void>;
}

/**
 * Runs the real `rules-runner start` with one `xucmgt` instance, these options and these rules; its
 * state (event ledger, repeat answers, pane pages) in the `state` folder of its temporary folder.
 */
export async function startXucmgtDaemon(options: object, rules: string): Promise<XucmgtDaemon> {
  const dir = await tempDir('switchboard-xucmgt-');
  await dir.write('rules.yaml', rules);
  const config = await dir.write(
    'switchboard.yaml',
    [
      'adapters:',
      '  xucmgt:',
      `    use: ${JSON.stringify(packageDir)}`,
      `    options: ${JSON.stringify(options)}`,
      'server: { host: 127.0.0.1, port: 0 }',
      'rules: ["rules.yaml"]',
      'log: { level: debug, format: json }',
      'state: { dir: state }',
      'shutdown: { drainTimeout: 500 }',
      '',
    ].join('\n'),
  );
  return run(config, dir);
}

async function run(config: string, dir: TempDir): Promise<XucmgtDaemon> {
  const daemon = await spawnDaemon(config, {
    cwd: dir.path,
    // The config's own state folder, across restarts, whatever the test process's environment says.
    env: { SWITCHBOARD_STATE_DIR: join(dir.path, 'state') },
  });
  if (!daemon.address) {
    await daemon.stop('SIGKILL');
    throw new Error('the daemon did not report its HTTP address');
  }
  return {
    daemon,
    dir,
    thirdPartyUrl: `${daemon.address}/adapters/xucmgt`,
    allOutput: () => `${daemon.logs.map((l) => JSON.stringify(l)).join('\n')}\n${daemon.stderr()}`,
    restart: async (signal) => {
      await daemon.stop(signal);
      return run(config, dir);
    },
    stop: async () => {
      await daemon.stop();
      await dir.remove();
    },
  };
}
