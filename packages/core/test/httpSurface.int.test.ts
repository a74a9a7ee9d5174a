import { pino } from 'pino';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, test } from 'vitest';
import { HttpSurface, OriginPolicy } from '../src/index.js';

let surface: HttpSurface | undefined;
afterEach(async () => {
  await surface?.close();
});

describe('HTTP surface shared by adapters', () => {
  test('routes are namespaced per instance and it listens only when used', async () => {
    surface = new HttpSurface({ host: '127.0.0.1', port: 0 }, pino({ level: 'silent' }));
    const idle = new HttpSurface({ host: '127.0.0.1', port: 0 }, pino({ level: 'silent' }));
    expect(await idle.listen()).toBeUndefined();
    surface.routesFor('one').register(async (app) => {
      app.get('/hello', async () => ({ from: 'one' }));
    });
    surface.routesFor('two').register(async (app) => {
      app.get('/hello', async () => ({ from: 'two' }));
    });
    const address = await surface.listen();
    const one = await fetch(`${address}/adapters/one/hello`).then((r) => r.json());
    const two = await fetch(`${address}/adapters/two/hello`).then((r) => r.json());
    expect([one, two]).toEqual([{ from: 'one' }, { from: 'two' }]);
    expect(surface.routesFor('one').url('/hello')).toBe(`${address}/adapters/one/hello`);
    expect(() => surface?.routesFor('late').register(async () => {})).toThrow(/added routes after start/);
  });

  test('realtime: refused without credentials, and an agent room reaches only that agent', async () => {
    surface = new HttpSurface({ host: '127.0.0.1', port: 0 }, pino({ level: 'silent' }));
    const host = surface.realtimeFor('bridge');
    const ns = host.namespace({
      authenticate: (socket) => {
        const auth = socket.handshake.auth as { key?: string; agent?: string };
        return auth.key === 'right' && auth.agent ? { agentId: auth.agent } : undefined;
      },
    });
    const address = await surface.listen();
    const url = `${address}/adapters/bridge`;
    const refused = io(url, {
      auth: { key: 'wrong', agent: 'A' },
      transports: ['websocket'],
      reconnection: false,
    });
    const refusal = await new Promise<string>((resolve) =>
      refused.on('connect_error', (e) => resolve(e.message)),
    );
    expect(refusal).toBe('unauthorized');
    refused.close();
    const connect = (agent: string) =>
      new Promise<ReturnType<typeof io>>((resolve, reject) => {
        const s = io(url, { auth: { key: 'right', agent }, transports: ['websocket'], reconnection: false });
        s.on('connect', () => resolve(s));
        s.on('connect_error', reject);
      });
    const a = await connect('A');
    const b = await connect('B');
    const got: string[] = [];
    a.on('action', (p: string) => got.push(`A:${p}`));
    b.on('action', (p: string) => got.push(`B:${p}`));
    ns.to(host.agentRoom('A')).emit('action', 'for-a');
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual(['A:for-a']);
    a.close();
    b.close();
  });
});

describe('realtime origins', () => {
  test('a WebSocket connection from an origin not in the namespace’s list is refused before authentication', async () => {
    surface = new HttpSurface({ host: '127.0.0.1', port: 0 }, pino({ level: 'silent' }));
    let authenticated = 0;
    surface.realtimeFor('bridge').namespace({
      origins: ['https://crm.example'],
      authenticate: () => {
        authenticated += 1;
        return { agentId: 'A' };
      },
    });
    const address = await surface.listen();
    const attempt = (origin: string) =>
      new Promise<string>((resolve) => {
        const s = io(`${address}/adapters/bridge`, {
          transports: ['websocket'],
          reconnection: false,
          extraHeaders: { origin },
        });
        s.on('connect', () => {
          s.close();
          resolve('connected');
        });
        s.on('connect_error', (e) => {
          s.close();
          resolve(e.message);
        });
      });
    expect(await attempt('https://evil.example')).toBe('origin not allowed');
    expect(authenticated).toBe(0);
    expect(await attempt('https://crm.example')).toBe('connected');
    expect(authenticated).toBe(1);
  });
});

describe('the cross-node hook', () => {
  test('bridge namespaces use the socket.io adapter given to the surface', async () => {
    const { Adapter } = await import('socket.io-adapter');
    const created: string[] = [];
    class RecordingAdapter extends Adapter {
      constructor(nsp: ConstructorParameters<typeof Adapter>[0]) {
        super(nsp);
        created.push(nsp.name);
      }
    }
    surface = new HttpSurface(
      { host: '127.0.0.1', port: 0, realtimeAdapter: RecordingAdapter },
      pino({ level: 'silent' }),
    );
    const namespace = surface.namespaceFor('desk', OriginPolicy.from('*', 'origins'));
    expect(namespace.adapter).toBeInstanceOf(RecordingAdapter);
    expect(created).toContain('/adapters/desk');
  });
});
