import { parseArgs } from 'node:util';
import type { EmulatorProfile } from './EmulatorSocketServer.js';

export interface CliOptions {
  readonly profile: EmulatorProfile;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly allowEIO3: boolean;
  readonly tls: boolean;
  /** Where the self-signed certificate is written (clients use it as `tls.ca`). */
  readonly caOut: string;
  readonly token?: string;
  readonly scenario?: string;
  readonly loop: boolean;
  readonly speed: number;
  /** Clients to wait for before playing the scenario. */
  readonly waitClients: number;
  readonly json: boolean;
  readonly help: boolean;
}

export const usage = `xcally-emulator: an xcally-realtime stand-in (socket.io 2.x or 4.x) for Switchboard rules

Usage: xcally-emulator [options]
  --profile v2|v4        socket.io server generation (default v2, as xcally-realtime most likely runs)
  --host HOST            listen address (default 127.0.0.1)
  --port PORT            listen port (default 8888; 0 picks a free one)
  --path PATH            socket.io path (default /socket.io)
  --allow-eio3           v4 profile: also accept socket.io 2.x clients
  --tls                  HTTPS with a fresh self-signed certificate, written to --ca-out
  --ca-out FILE          where to write that certificate (default ./xcally-emulator-ca.pem)
  --token TOKEN          require this handshake token
  --scenario FILE        YAML scenario to play: steps of { delayMs?, name?, payload }
  --loop                 play the scenario again and again
  --speed N              time factor for the scenario's delays (default 1)
  --wait-clients N       clients to wait for before playing (default 1)
  --json                 print NDJSON lines instead of text
  --help                 this text

Every AgentCTI, AgentCTINotification and RealtimeCTI received is printed.`;

/** Parses the command line; throws with a message for a bad value. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      profile: { type: 'string', default: 'v2' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8888' },
      path: { type: 'string', default: '/socket.io' },
      'allow-eio3': { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      'ca-out': { type: 'string', default: 'xcally-emulator-ca.pem' },
      token: { type: 'string' },
      scenario: { type: 'string' },
      loop: { type: 'boolean', default: false },
      speed: { type: 'string', default: '1' },
      'wait-clients': { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.profile !== 'v2' && values.profile !== 'v4') throw new Error('--profile must be v2 or v4');
  return {
    profile: values.profile,
    host: values.host,
    port: integer(values.port, '--port', 0, 65_535),
    path: values.path,
    allowEIO3: values['allow-eio3'],
    tls: values.tls,
    caOut: values['ca-out'],
    ...(values.token !== undefined ? { token: values.token } : {}),
    ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
    loop: values.loop,
    speed: positive(values.speed, '--speed'),
    waitClients: integer(values['wait-clients'], '--wait-clients', 0, 1000),
    json: values.json,
    help: values.help,
  };
}

function integer(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name} must be a number above 0`);
  return n;
}
