import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeSettings } from '../BridgeConfig.js';
import { BridgeController } from './BridgeController.js';
import type { SocketLike } from './browserTypes.js';
import { CilRequestRunner } from './CilRequestRunner.js';
import { DialClaims } from './DialClaims.js';
import { DoneRequests } from './DoneRequests.js';
import { EventForwarder } from './EventForwarder.js';
import { EventOutbox } from './EventOutbox.js';
import { startBridge } from './startBridge.js';

const classes = {
  EventOutbox,
  EventForwarder,
  CilRequestRunner,
  BridgeController,
  DialClaims,
  DoneRequests,
};
const lists = { eventNames: [], requestNames: [], socketPath: '/socket.io' };

/** Runs the page's entry point against stand-in globals; returns the options it gave `io()`. */
async function optionsGivenToIo(overrides: {
  reconnectDelayMaxMs?: number;
}): Promise<Record<string, unknown>> {
  const calls: Record<string, unknown>[] = [];
  const socket = { on: () => socket, connect: () => socket } as unknown as SocketLike;
  vi.stubGlobal('document', { getElementById: () => null });
  vi.stubGlobal('window', {
    ConnectsIntegrationLibrary: {
      initIntegration: (ready: () => void) => ready(),
      getChannel: async () => ({ success: true, response: { agentId: 'agent-1' } }),
      isPrimaryTab: async () => ({ success: true, response: true }),
    },
    io: (_url: string, options: Record<string, unknown>) => {
      calls.push(options);
      return socket;
    },
  });
  const { settings } = bridgeSettings(
    { daemonUrl: 'https://switchboard.example', instance: 'bs', key: 'k'.repeat(16), ...overrides },
    '1.0.0',
  );
  startBridge(settings, classes, lists);
  for (let i = 0; i < 100 && calls.length === 0; i += 1) await new Promise((r) => setImmediate(r));
  return calls[0] ?? {};
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('startBridge (the web resource entry point)', () => {
  it('gives socket.io the configured longest reconnection delay', async () => {
    expect(await optionsGivenToIo({ reconnectDelayMaxMs: 750 })).toMatchObject({
      autoConnect: false,
      path: '/socket.io',
      reconnectionDelayMax: 750,
      reconnectionDelay: 750,
    });
    expect(await optionsGivenToIo({})).toMatchObject({ reconnectionDelayMax: 5000, reconnectionDelay: 1000 });
  });
});
