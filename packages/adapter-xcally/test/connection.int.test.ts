import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorProfile, XcallyEmulator, type XcallyEmulatorOptions } from '../src/testing/index.js';
import { ConnectionHarness } from './support/connectionHarness.js';
import { HoldingProxy } from './support/HoldingProxy.js';

let emulator: XcallyEmulator | undefined;
let harness: ConnectionHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  await emulator?.close();
  harness = undefined;
  emulator = undefined;
});

async function setUp(emulatorOptions: XcallyEmulatorOptions, options: Record<string, unknown> = {}) {
  emulator = await XcallyEmulator.start(emulatorOptions);
  const url = emulator.url;
  harness = new ConnectionHarness();
  harness.start({ url, ...options });
  return { emulator, harness };
}

const upCount = (h: ConnectionHarness, uniqueid: string) =>
  h.messages.filter((m) => m.name === 'up' && (m.args[0] as { uniqueid?: string }).uniqueid === uniqueid)
    .length;

describe.each<[EmulatorProfile, 'v2' | 'v4']>([
  ['v2', 'v2'],
  ['v4', 'v4'],
])('listeners are registered once (%s server, %s client)', (profile, protocol) => {
  it('after every drop and every server restart, one message reaches the handler once', async () => {
    const { emulator: e, harness: h } = await setUp({ profile }, { protocol });
    await h.waitForState('connected');
    for (let round = 1; round <= 4; round += 1) {
      if (round % 2 === 0) e.drop();
      else {
        await e.kill();
        await e.restart();
      }
      await h.waitForState('connected', round + 1);
      e.emit({ event: 'up', uniqueid: `r${round}` });
      await waitFor(() => upCount(h, `r${round}`) > 0, `message of round ${round}`);
      e.emit({ event: 'marker' });
      await waitFor(() => h.messages.filter((m) => m.name === 'marker').length === round, 'the marker');
      expect(upCount(h, `r${round}`)).toBe(1);
    }
    expect(h.count('disconnected')).toBeGreaterThanOrEqual(4);
    expect(
      h.logs.filter((l) => l.msg.startsWith('lost the connection')).every((l) => l.level === 'warn'),
    ).toBe(true);
  });
});

describe('choosing the socket.io generation', () => {
  it('auto picks v2 for a socket.io 2.x server and v4 for a 4.x server', async () => {
    for (const profile of ['v2', 'v4'] as const) {
      const { harness: h } = await setUp({ profile }, { protocol: 'auto' });
      await h.waitForState('connected');
      expect(h.states.find((s) => s.state === 'connected')?.detail).toMatch(
        new RegExp(`\\(socket\\.io ${profile}\\)$`),
      );
      await harness?.stop();
      await emulator?.close();
    }
  });

  it('a v2 client reaches a 4.x server that allows EIO3', async () => {
    const { emulator: e, harness: h } = await setUp({ profile: 'v4', allowEIO3: true }, { protocol: 'v2' });
    await h.waitForState('connected');
    e.emit({ event: 'up', uniqueid: '1.1' });
    await waitFor(() => upCount(h, '1.1') === 1, 'the event');
  });

  it('protocol v4 against a socket.io 2.x server fails with what to set', async () => {
    const { harness: h } = await setUp({ profile: 'v2' }, { protocol: 'v4' });
    const failed = await h.waitForState('failed');
    expect(failed.detail).toMatch(
      /^xcally-realtime at http:\/\/127\.0\.0\.1:\d+ speaks socket\.io 1\.x\/2\.x \(Engine\.IO 3\), but `protocol: v4` is set; set `protocol: v2` or `auto`$/,
    );
    expect(h.logs.some((l) => l.level === 'error' && l.msg === failed.detail)).toBe(true);
  });

  it('protocol v2 against a socket.io 4.x server (no EIO3) fails with what to set', async () => {
    const { harness: h } = await setUp({ profile: 'v4' }, { protocol: 'v2' });
    expect((await h.waitForState('failed')).detail).toContain(
      'speaks socket.io 3.x/4.x (Engine.IO 4), but `protocol: v2` is set',
    );
  });
});

describe('handshake credentials', () => {
  it.each(['v2', 'v4'] as const)(
    'sends `token` so a %s server that requires it lets the client in',
    async (profile) => {
      const { harness: h } = await setUp({ profile, token: 's3cret' }, { token: 's3cret' });
      await h.waitForState('connected');
    },
  );

  it('a wrong token is refused, and said so', async () => {
    const { harness: h } = await setUp({ profile: 'v4', token: 's3cret' }, { token: 'wrong' });
    const refused = await waitFor(
      () => h.states.find((s) => s.detail?.includes('refused the connection')),
      'the refusal',
    );
    expect(refused.detail).toMatch(/refused the connection: unauthorized$/);
    expect(JSON.stringify(h.logs)).not.toContain('wrong');
  });
});

describe('commands', () => {
  it('are sent while connected and refused with the reason while not', async () => {
    const { emulator: e, harness: h } = await setUp({ profile: 'v2' });
    await h.waitForState('connected');
    await h.connection.send({
      name: 'AgentCTI',
      payload: { url: 'http://x', peer: 'SIP/a', mode: 'new_tab' },
    });
    await e.waitForCommands('AgentCTI', 1);
    await e.kill();
    await h.waitForState('disconnected');
    await expect(
      h.connection.send({ name: 'AgentCTI', payload: { url: 'http://y', peer: 'SIP/a', mode: 'new_tab' } }),
    ).rejects.toThrow(
      /^not connected to xcally-realtime \((disconnected|connecting).*\); AgentCTI not sent$/,
    );
  });

  it.each<[EmulatorProfile, 'v2' | 'v4']>([
    ['v2', 'v2'],
    ['v4', 'v4'],
  ])(
    'on the polling transport (%s), a command is done only once the POST carrying it was answered',
    async (profile, protocol) => {
      const { emulator: e, harness: h } = await setUp({ profile }, { protocol, transports: ['polling'] });
      await h.waitForState('connected');
      for (let n = 0; n < 20; n += 1) {
        // Back to back: most of them wait in socket.io's buffer behind the POST still in flight.
        const sent = Array.from({ length: 5 }, (_, i) =>
          h.connection
            .send({
              name: 'AgentCTI',
              payload: { url: `http://x/${n}/${i}`, peer: 'SIP/a', mode: 'new_tab' },
            })
            .then(() =>
              e.received('AgentCTI').some((c) => (c.payload as { url: string }).url === `http://x/${n}/${i}`),
            ),
        );
        expect(await Promise.all(sent)).toEqual([true, true, true, true, true]);
      }
    },
  );

  it('a write that is never answered fails with XC_NOT_CONFIRMED after confirmTimeoutMs', async () => {
    emulator = await XcallyEmulator.start({ profile: 'v2' });
    const proxy = await HoldingProxy.start(emulator.port);
    try {
      harness = new ConnectionHarness();
      harness.start({ url: proxy.url, protocol: 'v2', transports: ['polling'], confirmTimeoutMs: 300 });
      await harness.waitForState('connected');
      proxy.hold();
      const started = Date.now();
      const sending = harness.connection.send({
        name: 'AgentCTI',
        payload: { url: 'http://held', peer: 'SIP/a', mode: 'new_tab' },
      });
      await expect(sending).rejects.toMatchObject({
        code: 'XC_NOT_CONFIRMED',
        message: expect.stringMatching(
          /^AgentCTI was emitted but not confirmed: not written within 300 ms; it may or may not have reached xcally-realtime$/,
        ),
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(emulator.received('AgentCTI')).toEqual([]);
    } finally {
      proxy.release();
      await proxy.close();
    }
  });
});

describe('stopping', () => {
  it('does not wait for a server that accepts connections and never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const h = new ConnectionHarness();
    try {
      h.start({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, connectTimeoutMs: 8000 });
      await h.waitForState('connecting');
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await h.stop();
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      silent.close();
    }
  });
});
