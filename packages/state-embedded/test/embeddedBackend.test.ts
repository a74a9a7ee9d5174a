import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@switchboard/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStateBackend } from '../src/index.js';

let dirs: string[] = [];
const open: EmbeddedStateBackend[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'swb-state-'));
  dirs.push(dir);
  return dir;
};
const backend = (dir: string, clock = new ManualClock()): EmbeddedStateBackend => {
  const made = new EmbeddedStateBackend({ dir, clock });
  open.push(made);
  return made;
};

afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close().catch(() => undefined)));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

describe('embedded state backend', () => {
  it('keeps what was committed across a close and a new open, and says whether it started empty', async () => {
    const dir = tempDir();
    const first = backend(dir);
    expect(await first.open()).toEqual({ fresh: true });
    await first.namespace('cc').set('sapi.subscription', { id: 'sub-1' });
    await first.namespace('~calls').merge('call-1/v', { order: 'A-17' }, { ttlMs: 60_000 });
    await first.close();
    const second = backend(dir);
    expect(await second.open()).toEqual({ fresh: false });
    expect(await second.namespace('cc').get('sapi.subscription')).toEqual({ id: 'sub-1' });
    expect(await second.namespace('~calls').get('call-1/v')).toEqual({ order: 'A-17' });
    expect(await second.namespace('other').get('sapi.subscription')).toBeUndefined();
  });

  it('refuses a second daemon on the same folder, naming the pid, and takes over a lock left by a dead one', async () => {
    const dir = tempDir();
    const first = backend(dir);
    await first.open();
    await first.close();
    writeFileSync(join(dir, 'LOCK'), '1\n'); // pid 1 is alive (init) and not us
    await expect(backend(dir).open()).rejects.toMatchObject({
      code: 'SWB_STATE_LOCKED',
      message: expect.stringContaining('pid 1'),
    });
    writeFileSync(join(dir, 'LOCK'), '999999999\n'); // no such process: a crash left it
    const taken = backend(dir);
    await taken.open();
    expect(readFileSync(join(dir, 'LOCK'), 'utf8').trim()).toBe(String(process.pid));
    await taken.close();
    expect(() => readFileSync(join(dir, 'LOCK'))).toThrow();
  });

  it('starts empty with a loud warning when the store was deleted', async () => {
    const dir = tempDir();
    const first = backend(dir);
    await first.open();
    await first.namespace('cc').set('k', 1);
    await first.close();
    rmSync(first.storeDir, { recursive: true });
    const second = backend(dir);
    const opening = await second.open();
    expect(opening.fresh).toBe(true);
    expect(opening.warning).toMatch(/missing \(deleted\?\): starting with empty state.*replay/);
    expect(await second.namespace('cc').get('k')).toBeUndefined();
  });

  it('refuses a corrupt store with SWB_STATE_CORRUPT, naming the file and the two ways out', async () => {
    const dir = tempDir();
    const first = backend(dir);
    await first.open();
    for (let i = 0; i < 500; i += 1) void first.namespace('cc').set(`k${i}`, 'x'.repeat(100));
    await first.namespace('cc').set('last', 1);
    await first.close();
    const data = join(first.storeDir, 'data.mdb');
    const bytes = readFileSync(data);
    bytes.fill(0x5a, 0, Math.min(bytes.length, 16_384)); // both meta pages and the first data pages
    writeFileSync(data, bytes);
    await expect(backend(dir).open()).rejects.toMatchObject({
      code: 'SWB_STATE_CORRUPT',
      message: expect.stringMatching(
        /data\.mdb cannot be read.*restore the folder .* from a backup, or move it away/,
      ),
    });
    // The refused open released its lock: the folder can be moved away and a new daemon start.
    expect(() => readFileSync(join(dir, 'LOCK'))).toThrow();
  });

  it('removes expired keys from disk on a sweep, and only those', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    const store = backend(dir, clock);
    await store.open();
    const ns = store.namespace('cc');
    await Promise.all([
      ns.set('a', 1, { ttlMs: 1000 }),
      ns.set('b', 2, { ttlMs: 5000 }),
      ns.set('c', 3),
      ns.set('renewed', 4, { ttlMs: 1000 }),
    ]);
    await ns.set('renewed', 5, { ttlMs: 10_000 });
    clock.advance(1000);
    expect(await store.sweep()).toBe(1);
    clock.advance(10_000);
    expect(await store.sweep()).toBe(2);
    const left: string[] = [];
    for await (const [key] of ns.scan('')) left.push(key);
    expect(left).toEqual(['c']);
  });

  it('makes a hot backup that opens as a store with the same data', async () => {
    const dir = tempDir();
    const store = backend(dir);
    await store.open();
    await store.namespace('cc').set('k', { v: 1 });
    const copyDir = join(tempDir(), 'copy');
    await store.backup(copyDir);
    await store.namespace('cc').set('k', 'changed after the backup');
    const restored = backend(copyDir);
    expect(await restored.open()).toEqual({ fresh: false });
    expect(await restored.namespace('cc').get('k')).toEqual({ v: 1 });
  });
});
