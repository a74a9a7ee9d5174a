import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { scaffoldedFiles } from './scaffoldedFiles.js';

let dir: string;
const output = () => {
  const lines = { out: '', err: '' };
  return {
    lines,
    out: (text: string) => {
      lines.out += text;
    },
    err: (text: string) => {
      lines.err += text;
    },
  };
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'create-switchboard-adapter-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function create(...args: string[]) {
  const io = output();
  const code = await main(args, dir, io);
  return { code, ...io.lines };
}

describe('create-switchboard-adapter', () => {
  it('writes the kit layout in TypeScript, every placeholder replaced', async () => {
    const { code, out } = await create('my-pbx');
    expect(code).toBe(0);
    expect(out).toContain('Created switchboard-adapter-my-pbx');
    const files = await scaffoldedFiles(join(dir, 'my-pbx'));
    expect(files).toEqual(
      expect.arrayContaining([
        '.gitignore',
        'README.md',
        'package.json',
        'src/index.ts',
        'src/manifest.ts',
        'src/options.ts',
        'src/actionSpecs.ts',
        'src/vendorEvents.ts',
        'src/errors.ts',
        'src/MyPbxRuntime.ts',
        'src/transport/MyPbxConnection.ts',
        'src/transport/MyPbxSession.ts',
        'src/transport/MyPbxInbound.ts',
        'src/mapping/mapMyPbxEvent.ts',
        'src/mapping/mapVendorEvent.ts',
        'src/actions/PopupExecutor.ts',
        'src/testing/MyPbxEmulator.ts',
        'src/testing/index.ts',
        'test/daemon.int.test.ts',
        'example/switchboard.yaml',
      ]),
    );
    for (const file of files) {
      const text = await readFile(join(dir, 'my-pbx', file), 'utf8');
      expect(text, file).not.toMatch(/__[A-Za-z]+__/);
    }
    expect(await readFile(join(dir, 'my-pbx', 'src/errors.ts'), 'utf8')).toContain(
      "defineErrorCodes('MYPBX'",
    );
  });

  it('writes the same layout in plain JavaScript with --js, without a build', async () => {
    expect((await create('js-pbx', '--js')).code).toBe(0);
    const js = await scaffoldedFiles(join(dir, 'js-pbx'));
    expect((await create('ts-pbx')).code).toBe(0);
    const ts = await scaffoldedFiles(join(dir, 'ts-pbx'));
    const sources = (files: string[], ext: string) =>
      files
        .filter((f) => f.startsWith('src/') || f.startsWith('test/'))
        .map((f) => f.replace(ext, '').replace(/[JT]sPbx/g, 'X'));
    expect(sources(js, '.js')).toEqual(sources(ts, '.ts'));
    const manifest = JSON.parse(await readFile(join(dir, 'js-pbx', 'package.json'), 'utf8'));
    expect(manifest.main).toBe('./src/index.js');
    expect(manifest.scripts).toEqual({ test: 'vitest run' });
    expect(manifest.devDependencies.typescript).toBeUndefined();
  });

  it('refuses a folder that is not empty, and writes nothing there', async () => {
    await mkdir(join(dir, 'acme'));
    await writeFile(join(dir, 'acme', 'keep.txt'), 'mine');
    const { code, err } = await create('acme');
    expect(code).toBe(1);
    expect(err).toMatch(/is not empty/);
    expect(await scaffoldedFiles(join(dir, 'acme'))).toEqual(['keep.txt']);
  });

  it('says how to use it when the folder is missing, and never prompts', async () => {
    const { code, err } = await create();
    expect(code).toBe(1);
    expect(err).toContain('Usage: npm init switchboard-adapter <folder>');
    expect((await create('--nope', 'x')).code).toBe(1);
    expect((await create('x', '--js', '--typescript')).err).toContain('Choose one language');
  });
});
