import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bridgeDefaults, defaultLibraryUrl } from '../bridge/BridgeConfig.js';
import { buildBridgeHtml } from '../bridge/buildBridgeHtml.js';

export const usage = `Usage: switchboard-bs-bridge --daemon-url <url> [options]

Writes the b+s Connects Custom Integration web resource (one HTML file) that connects each agent's
b+s Connects to the Switchboard daemon. Upload it to Dynamics 365 as an HTML web resource.

Options:
  --daemon-url <url>       the daemon as agents' browsers reach it (server.publicUrl), required
  --instance <name>        adapter instance name in switchboard.yaml (default: bs-connects)
  --key-env <VAR>          environment variable holding the instance's key (default: BS_BRIDGE_KEY)
  --out <file>             where to write the page (default: switchboard_bsconnects_bridge.html)
  --library-url <url>      b+s library (default: ${defaultLibraryUrl}, next to the web resource)
  --channel <id>           channel for getChannel and dials (default: ${bridgeDefaults.channelId})
  --max-queued <n>         events kept while the daemon is away (default: ${bridgeDefaults.maxQueuedEvents})
  --max-age-seconds <n>    drop (and report) events older than this (default: ${bridgeDefaults.maxEventAgeMs / 1000})
  --reconnect-max-seconds <n>  longest wait between reconnection attempts (default: ${bridgeDefaults.reconnectDelayMaxMs / 1000})
  -h, --help               show this help

The key is read from the environment, never from the command line (shell history, process lists).`;

export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const positiveInteger = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, not \`${value}\``);
  return n;
};

/** Runs the command; returns the exit code. */
export async function bridgeCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        'daemon-url': { type: 'string' },
        instance: { type: 'string', default: 'bs-connects' },
        'key-env': { type: 'string', default: 'BS_BRIDGE_KEY' },
        out: { type: 'string', default: 'switchboard_bsconnects_bridge.html' },
        'library-url': { type: 'string' },
        channel: { type: 'string' },
        'max-queued': { type: 'string' },
        'max-age-seconds': { type: 'string' },
        'reconnect-max-seconds': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      io.out(usage);
      return 0;
    }
    if (!values['daemon-url']) throw new Error('--daemon-url is required');
    const keyEnv = values['key-env'] ?? 'BS_BRIDGE_KEY';
    const key = io.env[keyEnv];
    if (!key) throw new Error(`environment variable ${keyEnv} is not set (it holds the bridge key)`);
    const maxAge = positiveInteger(values['max-age-seconds'], '--max-age-seconds');
    const reconnectMax = positiveInteger(values['reconnect-max-seconds'], '--reconnect-max-seconds');
    const html = buildBridgeHtml({
      daemonUrl: values['daemon-url'],
      instance: values.instance ?? 'bs-connects',
      key,
      ...(values['library-url'] ? { libraryUrl: values['library-url'] } : {}),
      ...(values.channel ? { channelId: values.channel } : {}),
      ...(values['max-queued']
        ? { maxQueuedEvents: positiveInteger(values['max-queued'], '--max-queued') }
        : {}),
      ...(maxAge ? { maxEventAgeMs: maxAge * 1000 } : {}),
      ...(reconnectMax ? { reconnectDelayMaxMs: reconnectMax * 1000 } : {}),
    });
    const out = values.out ?? 'switchboard_bsconnects_bridge.html';
    await writeFile(out, html, { mode: 0o600 });
    io.out(`wrote ${out} (${html.length} bytes) for ${values['daemon-url']}, instance ${values.instance}`);
    return 0;
  } catch (error) {
    io.err(`switchboard-bs-bridge: ${error instanceof Error ? error.message : String(error)}`);
    io.err('Run with --help for usage.');
    return 2;
  }
}
