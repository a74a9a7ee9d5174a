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
  stop(): Promise<void>;
}

/** Runs the real `rules-runner start` with one `xucmgt` instance, these options and these rules. */
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
  const daemon = await spawnDaemon(config, { cwd: dir.path });
  if (!daemon.address) throw new Error('the daemon did not report its HTTP address');
  return {
    daemon,
    dir,
    thirdPartyUrl: `${daemon.address}/adapters/xucmgt`,
    allOutput: () => `${daemon.logs.map((l) => JSON.stringify(l)).join('\n')}\n${daemon.stderr()}`,
    stop: async () => {
      await daemon.stop();
      await dir.remove();
    },
  };
}
