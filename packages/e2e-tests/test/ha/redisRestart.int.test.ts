import { SapiEmulator } from '@switchboard/adapter-8x8/testing';
import { type RedisProcess, startRedis, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, test } from 'vitest';
import { FarSide } from './support/FarSide.js';
import { HaNode, holdersOf } from './support/HaNode.js';
import { callsWithout, doubledCalls, offerSapiCall, sapiCallId, sapiPops } from './support/streams.js';

/**
 * Two daemons on one Redis with an 8x8 SAPI subscription (one holder) while calls come at a steady pace.
 * Redis stops: every node says it is not ready (`/readyz` 503, `state: unavailable`), none crashes. Redis
 * comes back: every node is ready again, one node holds SAPI, SAPI replays what the outage held back, and
 * every call pops exactly once (counted at the CRM by idempotency key).
 *
 * Redis here restarts with its data, as a production Redis with persistence does (deployment.md): it is
 * told to save at shutdown. A Redis that lost everything is another failure ("the nodes start empty").
 */
const token = 'sapi-token-ha-redis-restart-19d0';

let redis: RedisProcess | undefined;
let sapi: SapiEmulator | undefined;
let far: FarSide | undefined;
let dir: TempDir | undefined;
const nodes: HaNode[] = [];

afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.daemon.stop('SIGKILL')));
  await Promise.all([redis?.close(), sapi?.close(), far?.close()]);
  await dir?.remove();
  redis = sapi = far = dir = undefined;
});

const rules = (crm: string) => `rules:
  - name: sapi-pop
    on: call.offered
    do:
      - http:
          method: POST
          url: "${crm}/pop"
          idempotencyKey: true
          body: { call: "{{ call.id }}" }
`;

const nodeConfig = (sapiUrl: string) => (id: string) =>
  `adapters:
  cc:
    use: "@switchboard/adapter-8x8"
    options:
      sapi:
        tenant: acmecorp01
        token: \${SAPI_TOKEN}
        baseUrl: "${sapiUrl}"
        retry: { initialMs: 100, maxMs: 500 }
rules: [ rules.yaml ]
state:
  redis:
    url: \${REDIS_URL}
node:
  id: ${id}
admin: { host: 127.0.0.1, port: 0 }
watch: false
shutdown: { drainTimeout: 2000 }
log: { format: json, level: info }
`;

/** Makes the test's Redis write its data at shutdown (and load it at start), as persistence would. */
async function keepDataAcrossRestarts(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    await client.config('SET', 'save', '3600 1');
  } finally {
    client.disconnect();
  }
}

describe('Redis stopped and restarted under load', () => {
  test('every node reports not ready, then ready again; every call pops once (0 lost, 0 doubled)', async () => {
    const redisServer = await startRedis();
    redis = redisServer;
    await keepDataAcrossRestarts(redisServer.url);
    const s = await SapiEmulator.start({ tenant: 'acmecorp01', token, replayWindowSeconds: 600 });
    sapi = s;
    const crm = new FarSide();
    far = crm;
    const folder = await tempDir('swb-ha-redis-restart-');
    dir = folder;
    await folder.write('rules.yaml', rules(await crm.listen()));
    const config = nodeConfig(s.url);
    const env = { SAPI_TOKEN: token, REDIS_URL: redisServer.url };
    const started = await Promise.all(
      ['node-a', 'node-b'].map((id) => HaNode.start(folder, id, config, env)),
    );
    nodes.push(...started);
    const everyNode = async (status: number, state: string) => {
      const answers = await Promise.all(started.map((n) => n.readyz()));
      return answers.every((a) => a?.status === status && a.body.state === state);
    };
    await waitFor(() => everyNode(200, 'up'), 'both nodes ready', 20_000);
    await waitFor(async () => (await holdersOf(started, 'cc')).length === 1, 'one node holding SAPI', 10_000);
    const fenceBefore = await leaseFence(started);

    let published = 0;
    let limit = Number.POSITIVE_INFINITY;
    const publisher = setInterval(() => {
      if (published >= limit) return;
      published += 1;
      offerSapiCall(s, published);
    }, 100);
    let downMs = 0;
    let fencedMs = 0;
    let upMs = 0;
    let publishedWhileDown = 0;
    try {
      await waitFor(() => crm.pops.length >= 5, 'a few pops', 20_000);

      const stoppedAt = performance.now();
      await redisServer.stop();
      await waitFor(() => everyNode(503, 'unavailable'), 'every node not ready', 10_000);
      downMs = Math.round(performance.now() - stoppedAt);
      // The outage lasts until the holder fenced itself (it cannot renew its lease) and calls kept coming;
      // the nodes stay up and keep saying they are not ready.
      const atDown = published;
      await waitFor(
        async () => (await Promise.all(started.map((n) => n.role('cc')))).every((r) => r === 'standby'),
        'the holder fenced',
        10_000,
      );
      fencedMs = Math.round(performance.now() - stoppedAt);
      await waitFor(() => published >= atDown + 10, 'calls during the outage', 10_000);
      expect(await everyNode(503, 'unavailable')).toBe(true);
      expect(started.map((n) => n.daemon.process.exitCode)).toEqual([null, null]);

      const restartedAt = performance.now();
      await redisServer.start();
      publishedWhileDown = published - atDown;
      await waitFor(() => everyNode(200, 'up'), 'every node ready again', 20_000);
      upMs = Math.round(performance.now() - restartedAt);
      limit = published + 10;
      await waitFor(() => published >= limit, 'calls after the restart', 10_000);
    } finally {
      clearInterval(publisher);
    }
    console.log(
      `HA Redis restart: not ready on every node ${downMs} ms after Redis stopped; the holder fenced itself after ${fencedMs} ms; ready again ${upMs} ms after Redis started; ${publishedWhileDown} calls during the outage`,
    );

    const calls = published;
    await waitFor(
      () => callsWithout(sapiPops(crm).keys, calls, sapiCallId).length === 0,
      'a pop for every call',
      30_000,
    ).catch(() => undefined); // the counts below say which
    // One holder again, with a new lease: the fence counter came back with the data and went on.
    expect(await holdersOf(started, 'cc')).toHaveLength(1);
    expect(await leaseFence(started)).toBeGreaterThan(fenceBefore);
    for (const node of started) expect(await node.stop()).toBe(0);

    const { keys, resent } = sapiPops(crm);
    console.log(`HA Redis restart: ${calls} calls; pops repeated with their key: ${resent}`);
    expect({ lost: callsWithout(keys, calls, sapiCallId), doubled: doubledCalls(keys) }).toEqual({
      lost: [],
      doubled: [],
    });
    expect(downMs).toBeLessThan(5000);
    // One subscription throughout: the node that took SAPI again resumed it, so SAPI replayed the outage.
    const subscriptions = new Set(s.requests.filter((r) => r.status === 200).map((r) => r.subscriptionId));
    expect(subscriptions.size).toBe(1);
    expect(s.requests.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
  }, 90_000);
});

/** The fence of the SAPI connection's lease, as its holder shows it. */
async function leaseFence(nodes: readonly HaNode[]): Promise<number> {
  const [holder] = await holdersOf(nodes, 'cc');
  const view = (await holder?.instances())?.find((i) => i.name === 'cc');
  return view?.connections[0]?.lease?.fence ?? Number.NaN;
}
