import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { __Vendor__Emulator } from '../src/testing/index.js';
import { type Daemon, startDaemon } from './support/startDaemon.js';

// The real daemon loads this package (its built dist/, by path) and connects to the emulator over a
// real WebSocket: a ring fires the example rule, and the popup command arrives at the emulator.
const project = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let emulator: __Vendor__Emulator;
let daemon: Daemon | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), '__vendor__-test-'));
  emulator = await __Vendor__Emulator.start({ token: 'test-token' });
  const config = join(dir, 'switchboard.yaml');
  await mkdir(join(dir, 'rules'));
  await writeFile(
    join(dir, 'rules', 'popup.yaml'),
    [
      'rules:',
      '  - name: popup-on-answer',
      '    on: __vendor__.answer',
      '    do:',
      '      - popup: { url: "https://crm.example.com/calls?caller={{ call.caller }}" }',
      '',
    ].join('\n'),
  );
  await writeFile(
    config,
    [
      'adapters:',
      '  pbx:',
      `    use: ${JSON.stringify(project)}`,
      `    options: { url: "${emulator.url}", token: "\${PBX_TOKEN}", reconnect: { initialMs: 50, maxMs: 500 } }`,
      'rules: ["rules/*.yaml"]',
      `state: { dir: ${JSON.stringify(join(dir, 'state'))} }`,
      '',
    ].join('\n'),
  );
  process.env.PBX_TOKEN = 'test-token';
  daemon = await startDaemon(config);
  await daemon.waitForLog((line) => line.msg.startsWith('connected to __vendor__ events'), 'the connection');
  await emulator.waitForClients(1);
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('an answered call pops the CRM page for the agent, the caller URL-encoded', async () => {
  emulator.emit({ event: 'answer', callId: 'c-1', caller: '+32 2 888', agent: '1001' });
  const [command] = await emulator.waitForCommands(1);
  expect(command).toEqual({
    command: 'popup',
    agent: '1001',
    url: 'https://crm.example.com/calls?caller=%2B32%202%20888',
  });
});

it('a malformed frame costs only itself: it is rejected and the next one still fires', async () => {
  emulator.received.length = 0;
  emulator.emit('{ not json');
  emulator.emit({ event: 'answer', callId: 'c-2', agent: '1002' });
  const commands = await emulator.waitForCommands(1);
  expect(commands[0]).toMatchObject({ agent: '1002' });
  await daemon?.waitForLog((line) => JSON.stringify(line).includes('invalid-json'), 'the rejection');
  expect(emulator.received).toHaveLength(1);
});
