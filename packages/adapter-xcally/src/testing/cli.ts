import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CliOptions, parseCliOptions, usage } from './cliOptions.js';
import { loadEmulatorScenario } from './EmulatorScenario.js';
import { generateSelfSignedCertificate } from './selfSignedCertificate.js';
import { XcallyEmulator } from './XcallyEmulator.js';

type Print = (kind: string, text: string, data: Record<string, unknown>) => void;

/** `xcally-emulator`: runs the emulator until SIGINT/SIGTERM; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const print: Print = options.json
    ? (kind, _text, data) => process.stdout.write(`${JSON.stringify({ kind, ...data })}\n`)
    : (_kind, text) => process.stdout.write(`${text}\n`);
  try {
    await run(options, print);
    return 0;
  } catch (error) {
    process.stderr.write(`xcally-emulator: ${(error as Error).message}\n`);
    return 1;
  }
}

async function run(options: CliOptions, print: Print): Promise<void> {
  const scenario = options.scenario ? await loadEmulatorScenario(resolve(options.scenario)) : undefined;
  let tls: { key: string; cert: string } | undefined;
  if (options.tls) {
    tls = await generateSelfSignedCertificate(['localhost', options.host]);
    await writeFile(resolve(options.caOut), tls.cert);
    print('certificate', `self-signed certificate written to ${resolve(options.caOut)}`, {
      ca: resolve(options.caOut),
    });
  }
  const emulator = await XcallyEmulator.start({
    profile: options.profile,
    host: options.host,
    port: options.port,
    path: options.path,
    allowEIO3: options.allowEIO3,
    ...(tls ? { tls } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
  });
  const url = emulator.url;
  print(
    'listening',
    `xcally-realtime emulator (socket.io ${options.profile === 'v2' ? '2.x' : '4.x'}) on ${url}`,
    {
      url,
      profile: options.profile,
    },
  );
  emulator.onCommand((c) =>
    print('received', `<- ${c.name} ${JSON.stringify(c.payload)}`, { name: c.name, payload: c.payload }),
  );
  const controller = new AbortController();
  const stopped = new Promise<void>((done) => {
    const stop = (): void => {
      controller.abort(new Error('stopped'));
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  if (scenario) void playLoop(emulator, scenario, options, controller.signal, print);
  await stopped;
  await emulator.close();
}

async function playLoop(
  emulator: XcallyEmulator,
  scenario: Awaited<ReturnType<typeof loadEmulatorScenario>>,
  options: CliOptions,
  signal: AbortSignal,
  print: Print,
): Promise<void> {
  try {
    do {
      if (options.waitClients > 0) {
        print('waiting', `waiting for ${options.waitClients} client(s)`, { clients: options.waitClients });
        const wait = () =>
          emulator.waitForClients(options.waitClients, 1000).then(
            () => true,
            () => false,
          );
        while (!(await wait())) signal.throwIfAborted();
      }
      await emulator.play(scenario, {
        speed: options.speed,
        signal,
        onStep: (step, clients) =>
          print('sent', `-> ${step.name} to ${clients} client(s)`, {
            name: step.name,
            clients,
            payload: step.payload,
          }),
      });
    } while (options.loop);
    print('done', 'scenario played; still listening (Ctrl-C to stop)', {});
  } catch (error) {
    if (!signal.aborted)
      print('error', `scenario failed: ${(error as Error).message}`, { error: (error as Error).message });
  }
}
