import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rulesRunnerBin, spawnDaemon, waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../../examples/xcally-sales-popup/', import.meta.url));
const config = `${example}switchboard.yaml`;
const emulatorBin = fileURLToPath(new URL('../bin/xcally-emulator.js', import.meta.url));

interface CliLine {
  readonly kind: string;
  readonly [key: string]: unknown;
}

/** The `xcally-emulator` command as a user runs it, with NDJSON output parsed. */
function startEmulatorCli(args: string[]): { child: ChildProcess; lines: CliLine[] } {
  const child = spawn(process.execPath, [emulatorBin, '--json', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: CliLine[] = [];
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      lines.push(JSON.parse(buffered.slice(0, nl)) as CliLine);
      buffered = buffered.slice(nl + 1);
    }
  });
  return { child, lines };
}

let emulatorProcess: ChildProcess | undefined;
afterEach(() => {
  emulatorProcess?.kill('SIGTERM');
  emulatorProcess = undefined;
});

describe('examples/xcally-sales-popup', () => {
  it('its rule tests pass with `rules-runner test`', async () => {
    const { stdout } = await run(process.execPath, [rulesRunnerBin(), 'test', '-c', config], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(stdout).toContain(
      '✓ up in Sales opens the order page in a frame for the agent, order number encoded',
    );
    expect(stdout).toContain('✓ up in another queue opens nothing');
    expect(stdout.trim().split('\n').at(-1)).toBe('4 passed, 0 failed');
  });

  it.each(['v2', 'v4'])(
    'runs end to end: emulator CLI (%s) playing scenario.yaml, the daemon on the example config',
    async (profile) => {
      const cli = startEmulatorCli([
        '--profile',
        profile,
        '--port',
        '0',
        '--speed',
        '20',
        '--scenario',
        `${example}scenario.yaml`,
      ]);
      emulatorProcess = cli.child;
      const listening = await waitFor(() => cli.lines.find((l) => l.kind === 'listening'), 'the emulator');
      const daemon = await spawnDaemon(config, { env: { XCALLY_URL: String(listening.url) } });
      let stopped = false;
      try {
        await waitFor(() => cli.lines.some((l) => l.kind === 'done'), 'the scenario to be played', 10_000);
        await waitFor(() => cli.lines.some((l) => l.kind === 'received'), 'the AgentCTI', 10_000);
        // A graceful stop finishes what is in flight; once the emulator has exited too, every command it
        // received is in its output, so a late duplicate would be seen (no fixed wait needed).
        expect(await daemon.stop()).toBe(0);
        stopped = true;
        const exited = new Promise((resolve) => cli.child.once('close', resolve));
        cli.child.kill('SIGTERM');
        await exited;
        expect(cli.lines.filter((l) => l.kind === 'sent').map((l) => l.name)).toEqual([
          'ringing',
          'up',
          'hangup',
          'up',
          'abandon',
        ]);
        expect(cli.lines.filter((l) => l.kind === 'received')).toEqual([
          {
            kind: 'received',
            name: 'AgentCTI',
            payload: {
              url: 'http://webservice1/sales?ordernumber=A%26B%2F42%20%237',
              peer: 'SIP/andrea.bianco',
              mode: 'new_frame',
            },
          },
        ]);
      } finally {
        if (!stopped) await daemon.stop();
      }
    },
  );
});
