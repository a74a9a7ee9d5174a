import { mkdtemp, readFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import {
  DeduplicationWindow,
  FileKeyValueStore,
  HttpSurface,
  ManualClock,
  SourceDocument,
} from '../src/index.js';
import { interpolateEnv } from '../src/yaml/interpolateEnv.js';

describe('fixes from review', () => {
  test('a file store written before its first read completes loses nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kv-'));
    const store = new FileKeyValueStore(dir, 'x');
    await Promise.all([store.get('a'), store.set('sub', 'id-1'), store.get('b')]);
    expect(await store.get('sub')).toBe('id-1');
    expect(JSON.parse(await readFile(join(dir, 'x.json'), 'utf8'))).toEqual({ sub: 'id-1' });
  });

  test('an id is remembered for at least the whole window', () => {
    const clock = new ManualClock();
    const window = new DeduplicationWindow(clock, { windowSeconds: 100, maxIds: 1000 });
    expect(window.firstSeen('a')).toBe(true);
    for (const step of [60, 30, 9]) {
      clock.advance(step * 1000);
      window.firstSeen(`other-${step}`);
      expect(window.firstSeen('a')).toBe(false);
    }
    clock.advance(250_000);
    window.firstSeen('x');
    clock.advance(100_000);
    window.firstSeen('y');
    expect(window.firstSeen('a')).toBe(true);
  });

  test('a YAML alias bomb is a positioned error, not an exception', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`;
    const parsed = SourceDocument.parse('bomb.yaml', bomb);
    expect(parsed.document).toBeUndefined();
    expect(parsed.errors.map((e) => e.format())).toEqual([
      expect.stringMatching(/^bomb\.yaml:1:1 YAML: .*alias.* \[SWB_YAML_SYNTAX\]$/i),
    ]);
  });

  test('a `__proto__` key in a file with ${VAR} stays a plain key', () => {
    const parsed = SourceDocument.parse('p.yaml', '__proto__: { polluted: true }\nvalue: "${X}"\n');
    const { value } = interpolateEnv(parsed.document as SourceDocument, { X: 'y' });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(['__proto__', 'value']);
    expect((value as { polluted?: boolean }).polluted).toBeUndefined();
  });

  test('bound to every interface without publicUrl, browser URLs use the host name, not 0.0.0.0', async () => {
    const surface = new HttpSurface({ host: '0.0.0.0', port: 0 }, pino({ level: 'silent' }));
    const routes = surface.routesFor('x');
    routes.register(async () => undefined);
    try {
      const address = await surface.listen();
      const port = new URL(address as string).port;
      expect(routes.url('/pane')).toBe(`http://${hostname()}:${port}/adapters/x/pane`);
    } finally {
      await surface.close();
    }
  });
});
