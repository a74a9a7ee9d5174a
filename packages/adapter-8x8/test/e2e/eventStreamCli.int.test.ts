import { type ChildProcess, spawn } from 'node:child_process';
import { waitFor } from '@switchboard/test-support';
import { afterEach, expect, test } from 'vitest';
import WebSocket from 'ws';
import { packageDir } from '../support/packageDir.js';

let child: ChildProcess | undefined;

afterEach(() => {
  if (child?.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

test('`8x8-emulator pulsar` serves a Pulsar reader from the command line, with demo calls', async () => {
  child = spawn(
    process.execPath,
    [`${packageDir}/bin/8x8-emulator.js`, 'pulsar', '--json', '--key', 'cli-key', '--demo-every', '50'],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const listening = await waitFor(() => {
    const line = out.split('\n').find((l) => l.includes('"listening"'));
    return line ? (JSON.parse(line) as { url: string }) : undefined;
  }, 'the listening line');
  const ws = new WebSocket(`${listening.url}/ws/v2/reader/persistent/acme/event-v1/all?messageId=earliest`, {
    headers: { 'X-API-Key': 'cli-key' },
  });
  const frames: { messageId: string; payload: string }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { messageId: string; payload: string };
    frames.push(frame);
    ws.send(JSON.stringify({ messageId: frame.messageId }));
  });
  await waitFor(() => frames.length >= 4, 'a demo call');
  expect(JSON.parse(Buffer.from(frames[0]!.payload, 'base64').toString('utf8'))).toHaveProperty(
    'Interaction.interactionGUID',
  );
  ws.close();
  child.kill('SIGTERM');
  const code = await new Promise((resolve) => child?.once('exit', resolve));
  expect(code).toBe(0);
});
