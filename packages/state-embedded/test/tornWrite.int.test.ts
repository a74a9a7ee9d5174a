import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { EmbeddedStateBackend } from '../src/index.js';

const writer = fileURLToPath(new URL('./fixtures/tornWriter.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'swb-torn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fixed sequence of kill points (after this many confirmed batches), so the run is the same every time. */
const killAfter = [1, 3, 7, 12, 20, 33, 50, 75, 110, 150, 2, 5, 9, 17, 28, 44, 66, 90, 130, 170];

/** Starts the writer and SIGKILLs it once it printed `after` confirmed batches; returns what it confirmed. */
function writeUntilKilled(firstBatch: number, after: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir, String(firstBatch)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const confirmed: number[] = [];
    let buffered = '';
    let stderr = '';
    const timer = setTimeout(() => {
      process.kill(-(child.pid as number), 'SIGKILL');
      reject(new Error(`the writer confirmed ${confirmed.length} batch(es) in 20 s\n${stderr}`));
    }, 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) confirmed.push(Number(line));
      if (confirmed.length >= after && child.exitCode === null && child.signalCode === null) {
        process.kill(-(child.pid as number), 'SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(confirmed);
      else reject(new Error(`the writer exited on its own (${_code})\n${stderr}`));
    });
  });
}

it('a writer SIGKILLed mid-write 20 times leaves a store that opens with every confirmed batch whole and no batch in part', async () => {
  let firstBatch = 0;
  let confirmedTotal = 0;
  for (const after of killAfter) {
    const confirmed = await writeUntilKilled(firstBatch, after);
    confirmedTotal += confirmed.length;
    const backend = new EmbeddedStateBackend({ dir });
    await backend.open();
    const keysByBatch = new Map<number, number>();
    for await (const [key, value] of backend.namespace('torn').scan<{ batch: number; i: number }>('b/')) {
      const batch = Number(key.split('/')[1]);
      expect(value.batch).toBe(batch);
      keysByBatch.set(batch, (keysByBatch.get(batch) ?? 0) + 1);
    }
    await backend.close();
    const partial = [...keysByBatch].filter(([, count]) => count !== 10);
    expect(partial, 'batches present in part').toEqual([]);
    const lost = confirmed.filter((n) => keysByBatch.get(n) !== 10);
    expect(lost, 'confirmed batches missing after the kill').toEqual([]);
    firstBatch = Math.max(firstBatch, ...keysByBatch.keys(), ...confirmed) + 100;
  }
  expect(confirmedTotal).toBeGreaterThanOrEqual(killAfter.reduce((a, b) => a + b, 0));
}, 240_000);
