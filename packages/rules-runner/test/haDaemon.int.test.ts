import { PassThrough } from 'node:stream';
import type { LeaseManager, StateBackend } from '@switchboard/core/host';
import { HealthSignal, MemoryStateBackend } from '@switchboard/core/host';
import { TestLeaseBroker } from '@switchboard/core/testing';
import { type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { Adapter } from 'socket.io-adapter';
import { request } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { Daemon } from '../src/daemon/Daemon.js';
import { prepare } from '../src/daemon/prepare.js';
import type { RedisStateModule } from '../src/daemon/redisCluster.js';
import { fixtures } from './runCli.js';

const password = 'redis-pw-do-not-log-5521';

/**
 * `@switchboard/state-redis` as the daemon uses it, built from core's in-memory parts: every node's
 * backend is a view of one shared memory backend, leases come from one broker, and the test sets each
 * node's health (as the Redis client's events would).
 */
class SharedCluster {
  readonly shared = new MemoryStateBackend(undefined, { durable: true });
  readonly broker = new TestLeaseBroker();
  readonly health = new Map<string, HealthSignal>();
  readonly made: { url: string; prefix?: string; node?: string }[] = [];
  /** Namespaces socket.io made with the realtime adapter the module gave (the bridges' server). */
  readonly adapted: string[] = [];
  realtimeClosed = 0;

  module(): RedisStateModule {
    const cluster = this;
    class FakeRedisBackend implements StateBackend {
      readonly durable = true;
      readonly client = {};
      readonly #signal = new HealthSignal();
      readonly #node: string;
      constructor(options: { url: string; prefix?: string; node?: string }) {
        cluster.made.push(options);
        this.#node = options.node ?? '?';
        // A Redis client's error names the server it could not reach, password included.
        cluster.health.set(this.#node, this.#signal);
      }
      get health() {
        return this.#signal.health;
      }
      onHealth(listener: (up: boolean) => void) {
        return this.#signal.onHealth(listener);
      }
      open() {
        return cluster.shared.open();
      }
      namespace(name: string) {
        return cluster.shared.namespace(name);
      }
      flush() {
        return cluster.shared.flush();
      }
      async close() {}
      leases(): LeaseManager {
        return cluster.broker.node(this.#node);
      }
    }
    return {
      RedisStateBackend: FakeRedisBackend,
      redisRealtimeAdapter: () => ({
        adapter: class extends Adapter {
          constructor(nsp: ConstructorParameters<typeof Adapter>[0]) {
            super(nsp);
            cluster.adapted.push(nsp.name);
          }
        } as never,
        close: async () => {
          cluster.realtimeClosed += 1;
        },
      }),
    };
  }
}

const daemons: Daemon[] = [];
const dirs: TempDir[] = [];
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop()));
  await Promise.all(dirs.splice(0).map((d) => d.remove()));
});

/** One node: the leased fixture adapter, state.redis with the password from the environment. */
async function startNode(cluster: SharedCluster, node: string) {
  const dir = await tempDir();
  dirs.push(dir);
  const config = await dir.write(
    'switchboard.yaml',
    `adapters:
  pbx:
    use: ${fixtures}leased-adapter
    options: { standby: cold }
allowNoRules: true
state:
  redis:
    url: redis://:\${REDIS_PASSWORD}@127.0.0.1:6390/0
    lease: { ttlMs: 3000, renewEveryMs: 1000 }
node:
  id: \${NODE}
admin: { port: 0 }
watch: false
log: { format: json, level: info }
`,
  );
  const prepared = await prepare(config, { REDIS_PASSWORD: password, NODE: node });
  expect(prepared.errors).toEqual([]);
  const logs = new PassThrough();
  let logText = '';
  logs.on('data', (chunk: Buffer) => {
    logText += chunk.toString();
  });
  const daemon = new Daemon({ ...prepared, redis: { module: cluster.module() } }, { logStream: logs });
  daemons.push(daemon);
  await daemon.start();
  const admin = daemon.admin?.address as string;
  const get = async (path: string) => {
    const response = await request(`${admin}${path}`);
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };
  return { daemon, get, logs: () => logText };
}

describe('a daemon on shared state (state.redis)', () => {
  test('two nodes: one holds the connection, the other stands by; both ready; takeover when the holder stops', async () => {
    const cluster = new SharedCluster();
    const a = await startNode(cluster, 'node-a');
    await waitFor(async () => (await a.get('/readyz')).status === 200, 'node a ready');
    const b = await startNode(cluster, 'node-b');
    await waitFor(async () => (await b.get('/readyz')).status === 200, 'node b ready');
    expect(cluster.made.map((m) => [m.url, m.prefix, m.node])).toEqual([
      [`redis://:${password}@127.0.0.1:6390/0`, 'swb', 'node-a'],
      [`redis://:${password}@127.0.0.1:6390/0`, 'swb', 'node-b'],
    ]);
    const instancesOf = async (node: typeof a) =>
      (await request(`${node.daemon.admin?.address}/api/instances`).then((r) => r.body.json())) as {
        name: string;
        node: string;
        role?: string;
        status: { state: string };
        connections: { lease?: { role: string; fence?: number; standby: string } }[];
      }[];
    expect(await instancesOf(a)).toMatchObject([
      { name: 'pbx', node: 'node-a', role: 'holder', status: { state: 'connected' } },
    ]);
    expect(await instancesOf(b)).toMatchObject([
      { name: 'pbx', node: 'node-b', role: 'standby', status: { state: 'standby' } },
    ]);
    expect((await instancesOf(a))[0]?.connections[0]?.lease).toMatchObject({
      role: 'holder',
      fence: 1,
      standby: 'cold',
    });
    const ready = await b.get('/readyz');
    expect(ready.body).toMatchObject({ status: 'ready', node: 'node-b', state: 'up', notReady: [] });

    // The bridges' socket.io server uses the module's realtime adapter (the only place nodes meet there).
    a.daemon.runtime.http.realtimeFor('pbx').namespace({ authenticate: () => undefined });
    expect(cluster.adapted).toEqual(['/', '/adapters/pbx']);

    await a.daemon.stop();
    daemons.splice(daemons.indexOf(a.daemon), 1);
    expect(cluster.realtimeClosed).toBe(1);
    await waitFor(async () => (await instancesOf(b))[0]?.role === 'holder', 'b holding');
    const leases = (await b.get('/api/leases')).body as { node: string; changes: { change: string }[] };
    expect(leases.node).toBe('node-b');
    expect(leases.changes.map((c) => c.change)).toEqual(['acquired']);
    const metrics = await request(`${b.daemon.admin?.address}/metrics`).then((r) => r.body.text());
    expect(metrics).toContain('switchboard_node_info{node="node-b"} 1');
    expect(metrics).toContain('switchboard_lease_held{instance="pbx",connection="main"} 1');
    expect(metrics).toContain(
      'switchboard_lease_changes_total{instance="pbx",connection="main",change="acquired"} 1',
    );
    expect(metrics).toContain('switchboard_state_backend_up 1');
  });

  test('the state backend down: /readyz 503 (state unavailable) at once, ready again when it is back; the password never shows', async () => {
    const cluster = new SharedCluster();
    const a = await startNode(cluster, 'node-a');
    await waitFor(async () => (await a.get('/readyz')).status === 200, 'ready');
    const signal = cluster.health.get('node-a') as HealthSignal;
    const downAt = performance.now();
    signal.set(false, `connect ECONNREFUSED redis://:${password}@127.0.0.1:6390`);
    const down = await a.get('/readyz');
    expect(performance.now() - downAt).toBeLessThan(1000);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not ready', state: 'unavailable', node: 'node-a' });
    expect(JSON.stringify(down.body)).not.toContain(password);
    expect(String(down.body.stateDetail)).toContain('ECONNREFUSED');
    const metrics = await request(`${a.daemon.admin?.address}/metrics`).then((r) => r.body.text());
    expect(metrics).toContain('switchboard_state_backend_up 0');
    signal.set(true);
    expect((await a.get('/readyz')).status).toBe(200);
    await waitFor(() => a.logs().includes('the state backend answers again'), 'the recovery log line');
    expect(a.logs()).toContain('Redis at redis://127.0.0.1:6390/0, prefix swb');
    expect(a.logs()).toContain('the state backend does not answer');
    expect(a.logs()).not.toContain(password);
  });

  test('without @switchboard/state-redis the daemon refuses to start, naming the package, at `redis:`', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const config = await dir.write(
      'switchboard.yaml',
      'allowNoRules: true\nstate:\n  redis:\n    url: redis://127.0.0.1:6390\n',
    );
    const prepared = await prepare(config, {});
    const missing = {
      ...prepared,
      redis: {
        error: (
          await import('../src/daemon/redisCluster.js').then((m) =>
            m.loadRedisModule(prepared.loaded.document as never, '@switchboard/state-redis-not-installed'),
          )
        ).error,
      },
    };
    expect(() => new Daemon(missing, { logStream: new PassThrough() })).toThrow(
      expect.objectContaining({
        code: 'SWB_STATE_BACKEND',
        position: expect.objectContaining({ line: 3, col: 3 }),
      }),
    );
  });
});
