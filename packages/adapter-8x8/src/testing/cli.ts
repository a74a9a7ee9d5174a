import { parseArgs } from 'node:util';
import { PulsarEmulator } from './PulsarEmulator.js';
import { SapiEmulator } from './SapiEmulator.js';
import type { SapiWireEvent } from './sapiEncoding.js';
import { inboundCallEvents } from './sapiSamples.js';

export const usage = `Usage: 8x8-emulator <pulsar|sapi> [options]

  pulsar   8x8 Event Streaming (a Pulsar WebSocket reader): point eventStream.url at it
  sapi     the legacy Streaming API (HTTP streaming): point sapi.baseUrl at it

Options:
  --port <n>          port on 127.0.0.1 (default: a free one)
  --key <key>         pulsar: the API key it accepts (default: test-key), for every topic
  --ids <kind>        pulsar: message ids, plain or with-+/= (default: plain)
  --ping-ms <n>       pulsar: server ping interval (default: none)
  --tenant <name>     sapi: tenant (default: acmecorp01)
  --token <token>     sapi: token (default: test-token)
  --demo-every <ms>   publish a sample inbound call (4 events) every <ms>
  --json              one JSON line per report
  -h, --help          this text`;

type Print = (kind: string, text: string, data: Record<string, unknown>) => void;

/** `8x8-emulator`: runs an emulator until SIGINT/SIGTERM; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const { kind, values } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const print: Print = values.json
    ? (k, _text, data) => process.stdout.write(`${JSON.stringify({ kind: k, ...data })}\n`)
    : (_k, text) => process.stdout.write(`${text}\n`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number\n\n${usage}\n`);
    return 2;
  }
  let publish: (event: SapiWireEvent) => void;
  let close: () => Promise<void>;
  if (kind === 'pulsar') {
    const ids = values.ids ?? 'plain';
    if (ids !== 'plain' && ids !== 'with-+/=') {
      process.stderr.write(`--ids must be plain or with-+/=\n\n${usage}\n`);
      return 2;
    }
    const emulator = await PulsarEmulator.start({
      port,
      keys: { [values.key ?? 'test-key']: ['*'] },
      messageIds: ids,
      pingMs: Number(values['ping-ms'] ?? 0),
    });
    print('listening', `8x8 Event Streaming (Pulsar reader) emulator on ${emulator.url}`, {
      url: emulator.url,
    });
    publish = (event) => emulator.publish(event);
    close = () => emulator.close();
  } else {
    const emulator = await SapiEmulator.start({
      port,
      tenant: values.tenant ?? 'acmecorp01',
      token: values.token ?? 'test-token',
    });
    print('listening', `8x8 SAPI emulator on ${emulator.url}`, { url: emulator.url });
    publish = (event) => emulator.publish(event.type, event.body);
    close = () => emulator.close();
  }
  let calls = 0;
  const every = Number(values['demo-every'] ?? 0);
  const demo =
    every > 0
      ? setInterval(() => {
          calls += 1;
          const guid = `int-demo-${calls}`;
          for (const event of inboundCallEvents(guid, {
            queue: 'Sales',
            agentId: 'agDemo',
            caller: '+12015550123',
            talkSeconds: 30,
          }))
            publish(event);
          print('published', `-> inbound call ${guid}`, { callId: guid });
        }, every)
      : undefined;
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  clearInterval(demo);
  await close();
  return 0;
}

function parse(argv: readonly string[]) {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      key: { type: 'string' },
      ids: { type: 'string' },
      'ping-ms': { type: 'string' },
      tenant: { type: 'string' },
      token: { type: 'string' },
      'demo-every': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const kind = positionals[0];
  if (!values.help && kind !== 'pulsar' && kind !== 'sapi')
    throw new Error('name the emulator: pulsar or sapi');
  if (positionals.length > 1) throw new Error(`unexpected argument: ${positionals[1]}`);
  return { kind, values };
}
