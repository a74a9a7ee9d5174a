import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type RedisProcess, startRedis } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPrefix } from './support.js';

let redis: RedisProcess;
const children: ChildProcess[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  await redis?.close();
});

/** A daemon-like process racing for the keys; resolves with its line reader once it is connected. */
async function racer(prefix: string, node: string, count: number) {
  const script = fileURLToPath(new URL('./fixtures/raceSetIfAbsent.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, redis.url, prefix, node, String(count)], {
    detached: true,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`racer ${node} did not start: ${String(first.value)}`);
  return { child, lines };
}

describe('setIfAbsent across processes', () => {
  it('gives each of 300 keys to exactly one of three processes racing for all of them', async () => {
    const prefix = freshPrefix();
    const count = 300;
    const racers = await Promise.all(['a', 'b', 'c'].map((node) => racer(prefix, node, count)));
    for (const { child } of racers) child.stdin?.write('go\n');
    const won = await Promise.all(
      racers.map(async ({ lines }) => JSON.parse(String((await lines.next()).value)) as string[]),
    );
    const claims = new Map<string, number>();
    for (const keys of won) for (const key of keys) claims.set(key, (claims.get(key) ?? 0) + 1);
    const doubled = [...claims.values()].filter((n) => n > 1).length;
    const lost = count - claims.size;
    expect({ doubled, lost }).toEqual({ doubled: 0, lost: 0 });
  });
});
