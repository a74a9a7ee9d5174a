import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type AdapterRuntime,
  AdapterTokens,
  ContainerModule,
  defineAdapter,
  type InstanceConfig,
  InstanceTokens,
  type RouteHost,
  Runtime,
  type RuntimeOptions,
  SwitchboardError,
} from '../src/index.js';

/** What one lifecycle-test instance does: how its start and stop behave, and what it asks for. */
interface Behaviour {
  start?: 'ok' | 'hang' | Promise<void>;
  stop?: 'ok' | 'hang';
  construct?: 'ok' | 'throw';
  /** `mount`: a route in start (a web service); `ask`: takes the route host, mounts nothing. */
  http?: 'mount' | 'ask';
}

const behaviours = new Map<string, Behaviour>();
const started: string[] = [];
const never = new Promise<void>(() => undefined);

const lifecycleAdapter = defineAdapter({
  name: 'lifecycle',
  packageName: 'lifecycle-test-adapter',
  version: '1.0.0',
  core: '^1.0.0',
  description: 'an adapter that starts, stops and serves as told',
  optionsSchema: { type: 'object' },
  emits: { events: ['call.answered'] },
  actions: {},
  module: new ContainerModule(({ bind }) => {
    bind(AdapterTokens.Runtime).toDynamicValue((ctx): AdapterRuntime => {
      const name = ctx.get<string>(InstanceTokens.Name);
      const b = behaviours.get(name) ?? {};
      if (b.construct === 'throw') throw new Error('the vendor SDK refused the options');
      const routes = b.http ? ctx.get<RouteHost>(InstanceTokens.Routes) : undefined;
      return {
        async start() {
          started.push(name);
          if (b.http === 'mount') {
            routes?.register(async (app) => {
              app.get('/ping', async () => ({ pong: name }));
            });
          }
          if (b.start === 'hang') await never;
          else if (b.start instanceof Promise) await b.start;
        },
        async stop() {
          if (b.stop === 'hang') await never;
        },
      };
    });
  }),
});

const instance = (name: string, behaviour: Behaviour): InstanceConfig => {
  behaviours.set(name, behaviour);
  return { name, manifest: lifecycleAdapter, options: {} };
};

let runtime: Runtime | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await runtime?.stop(0);
  runtime = undefined;
  blocker?.close();
  blocker = undefined;
  behaviours.clear();
  started.length = 0;
});

const lines: { msg: string; instance?: string }[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
const make = (instances: InstanceConfig[], options: Partial<RuntimeOptions> = {}) => {
  runtime = new Runtime({ instances, logger, server: { host: '127.0.0.1', port: 0 }, ...options });
  return runtime;
};

async function portInUse(): Promise<number> {
  blocker = createServer();
  const server = blocker;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('runtime: bounded adapter start and stop', () => {
  test('a start() that never settles fails after the start timeout, naming the instance', async () => {
    const r = make([instance('fine', {}), instance('slow', { start: 'hang' })], {
      adapterTimeouts: { startMs: 200 },
    });
    const error = await r.start().catch((e: unknown) => e);
    expect(SwitchboardError.is(error) && error.format()).toBe(
      'adapter instance `slow` did not finish starting within 200 ms [SWB_ADAPTER_TIMEOUT]',
    );
    expect(r.instances().find((i) => i.name === 'slow')?.status.state).toBe('failed');
  });

  test('a stop() that never settles is left behind after the stop timeout, and logged by name', async () => {
    const r = make([instance('stuck', { stop: 'hang' }), instance('fine', {})], {
      adapterTimeouts: { stopMs: 200 },
    });
    await r.start();
    const t0 = Date.now();
    await r.stop(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r.instances().map((i) => i.status.state)).toEqual(['stopped', 'stopped']);
    expect(lines.some((l) => l.msg.startsWith('adapter instance `stuck` did not stop within 200 ms'))).toBe(
      true,
    );
  });

  test('an adapter whose constructor throws is named in the error', () => {
    expect(() => make([instance('boom', { construct: 'throw' })])).toThrow(
      'adapter instance `boom` (lifecycle-test-adapter) cannot be created: the vendor SDK refused the options',
    );
  });
});

describe('runtime: the HTTP port is bound before adapters start', () => {
  test('port in use: the instance that mounts a route fails on it, and no other adapter starts', async () => {
    const port = await portInUse();
    const r = make([instance('client', {}), instance('web', { http: 'mount' })], {
      server: { host: '127.0.0.1', port },
    });
    const error = await r.start().catch((e: unknown) => e);
    expect(SwitchboardError.is(error) && error.format()).toBe(
      `the HTTP surface cannot listen on 127.0.0.1:${port}: the port is in use [SWB_LISTEN_FAILED]`,
    );
    expect(started).toEqual(['web']);
  });

  test('port in use: an instance that takes the route host but mounts nothing does not need the port', async () => {
    const port = await portInUse();
    const r = make([instance('client', {}), instance('sapiOnly', { http: 'ask' })], {
      server: { host: '127.0.0.1', port },
    });
    await r.start();
    expect(started.sort()).toEqual(['client', 'sapiOnly']);
    expect(r.http.listening).toBe(false);
  });

  test('a request that arrives while the adapters start waits, and is served once the routes are mounted', async () => {
    const gate = opening();
    const r = make([instance('web', { http: 'mount', start: gate.promise })]);
    const starting = r.start();
    const server = r.http.app.server;
    await waitUntil(() => server.listening && started.includes('web'));
    const port = (server.address() as AddressInfo).port;
    let answered = false;
    const request = fetch(`http://127.0.0.1:${port}/adapters/web/ping`).then(async (response) => {
      answered = true;
      return { status: response.status, body: await response.json() };
    });
    await waitUntilAsync(async () => (await connections(server)) > 0);
    expect(answered).toBe(false);
    gate.open();
    await starting;
    expect(await request).toEqual({ status: 200, body: { pong: 'web' } });
  });

  test('a port bound for an instance that mounted nothing is let go after start', async () => {
    const gate = opening();
    const r = make([instance('sapiOnly', { http: 'ask', start: gate.promise })]);
    const starting = r.start();
    await waitUntil(() => r.http.app.server.listening && started.includes('sapiOnly'));
    const bound = (r.http.app.server.address() as AddressInfo).port;
    gate.open();
    await starting;
    expect(r.http.app.server.listening).toBe(false);
    blocker = createServer();
    const server = blocker;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(bound, '127.0.0.1', resolve);
    });
  });
});

async function waitUntilAsync(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const waitUntil = (check: () => boolean) => waitUntilAsync(async () => check());

const connections = (server: import('node:net').Server) =>
  new Promise<number>((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );

/** A promise a test opens when it wants. */
function opening(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
