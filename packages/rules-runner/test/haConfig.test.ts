import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/loadConfig.js';
import { loadRedisModule } from '../src/daemon/redisCluster.js';

const dir = mkdtempSync(join(tmpdir(), 'swb-ha-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Loads a config with this text (after `allowNoRules: true`). */
async function load(text: string, env: NodeJS.ProcessEnv = {}) {
  files += 1;
  const file = join(dir, `switchboard-${files}.yaml`);
  writeFileSync(file, `allowNoRules: true\n${text}`);
  return { ...(await loadConfig(file, env)), file };
}

/** The errors as the CLI prints them: `file:line:col message [CODE]`, file relative to the folder. */
const printed = (loaded: Awaited<ReturnType<typeof load>>) =>
  loaded.errors.map((e) => e.format().replace(`${loaded.file}`, 'cfg'));

describe('state.redis and node.id in switchboard.yaml', () => {
  test('defaults, ${VAR}s read from the environment, and the password a secret the logs never show', async () => {
    const loaded = await load(
      `state:
  redis:
    url: redis://:\${REDIS_PASSWORD}@127.0.0.1:6390/2
node:
  id: \${HOSTNAME}
`,
      { REDIS_PASSWORD: 'pw-from-env-8812', HOSTNAME: 'swb-node-2' },
    );
    expect(loaded.errors).toEqual([]);
    expect(loaded.config?.state.redis).toEqual({
      url: 'redis://:pw-from-env-8812@127.0.0.1:6390/2',
      prefix: 'swb',
      lease: { ttlMs: 3000, renewEveryMs: 1000 },
      warmWindowMs: 10000,
    });
    expect(loaded.config?.node).toEqual({ id: 'swb-node-2' });
    expect(loaded.secrets).toContain('pw-from-env-8812');
  });

  test('a password written in the URL is a secret too (as written and decoded)', async () => {
    const loaded = await load(
      'state: { redis: { url: "rediss://user:p%40ss-literal-77@redis.internal:6380/0" } }\n',
    );
    expect(loaded.errors).toEqual([]);
    expect(loaded.secrets).toEqual(expect.arrayContaining(['p%40ss-literal-77', 'p@ss-literal-77']));
  });

  test('a missing REDIS_PASSWORD is reported where the config reads it', async () => {
    const loaded = await load('state:\n  redis:\n    url: redis://:${REDIS_PASSWORD}@127.0.0.1:6390\n');
    expect(printed(loaded)).toEqual([
      expect.stringMatching(/^cfg:4:10 .*REDIS_PASSWORD.*\[SWB_CONFIG_MISSING_ENV\]$/),
    ]);
  });

  test('state.dir and state.redis together: an error at `redis:`, with file, line and column', async () => {
    const loaded = await load(
      'state:\n  dir: /var/lib/switchboard\n  redis:\n    url: redis://127.0.0.1:6390\n',
    );
    expect(printed(loaded)).toEqual([
      'cfg:4:3 the config sets both `state.dir` and `state.redis`: keep `dir` for one daemon with its own embedded store, or `redis` for several daemons sharing one Redis [SWB_SCHEMA]',
    ]);
  });

  test('a lease renewed too seldom, Sentinel without its primary, ca without TLS, a URL that is not Redis', async () => {
    const loaded = await load(`state:
  redis:
    url: redis://127.0.0.1:6390
    ca: ca.pem
    sentinels: [{ host: s1, port: 26379 }]
    lease: { ttlMs: 3000, renewEveryMs: 2000 }
`);
    expect(printed(loaded)).toEqual([
      'cfg:5:5 `state.redis.ca` is the CA of a TLS connection: use a rediss:// URL with it [SWB_SCHEMA]',
      'cfg:7:41 `state.redis.lease.renewEveryMs` (2000) must be at most half of `ttlMs` (3000): a holder that misses one renewal would lose its lease (e.g. ttlMs: 3000, renewEveryMs: 1000) [SWB_SCHEMA]',
      'cfg:6:5 `state.redis.sentinels` needs `name`: the name the sentinels know the primary by (e.g. mymaster) [SWB_SCHEMA]',
    ]);
    const http = await load('state: { redis: { url: "http://127.0.0.1:6390" } }\n');
    expect(printed(http)).toEqual([expect.stringMatching(/^cfg:2:24 .*state\.redis\.url.*\[SWB_SCHEMA\]$/)]);
    const node = await load('node: { id: "a b" }\n');
    expect(printed(node)).toEqual([expect.stringMatching(/^cfg:2:13 .*node\.id.*\[SWB_SCHEMA\]$/)]);
  });

  test('without @switchboard/state-redis installed: a clear error at `redis:`', async () => {
    const loaded = await load('state:\n  redis:\n    url: redis://127.0.0.1:6390\n');
    const document = loaded.document;
    if (!document) throw new Error('no document');
    const { module, error } = await loadRedisModule(document, '@switchboard/state-redis-not-installed');
    expect(module).toBeUndefined();
    expect(error?.format().replace(loaded.file, 'cfg')).toBe(
      'cfg:3:3 `state.redis` needs the package @switchboard/state-redis-not-installed, which is not installed: run `npm install @switchboard/state-redis-not-installed` where @switchboard/rules-runner is installed (or use `state.dir` for a single daemon) [SWB_STATE_BACKEND]',
    );
  });
});
