import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type DispatchReport,
  type EventInput,
  type RealtimeHost,
  type RouteHost,
  systemClock,
  validateOptions,
} from '@switchboard/core';
import { waitFor } from '@switchboard/test-support';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { EightByEightOptions } from '../../src/EightByEightOptions.js';
import { bridgeMessages } from '../../src/maestro/bridgeProtocol.js';
import { createBridgeToken } from '../../src/maestro/bridgeToken.js';
import { MaestroBridgeServer } from '../../src/maestro/MaestroBridgeServer.js';
import { eightByEightAdapter } from '../../src/manifest.js';
import { maestroEvent } from '../../src/testing/maestroSamples.js';
import { captureLogger } from '../support/captureLogger.js';
import { RecordingInstanceEvents } from '../support/RecordingInstanceEvents.js';

const secret = 'bridge-secret-0123456789';
const page = 'https://crm.example.com';

/** Events whose first publish throws at once, as a broken dispatcher would. */
class FirstPublishThrows extends RecordingInstanceEvents {
  #thrown = false;

  override publish(event: EventInput): Promise<DispatchReport> {
    if (this.#thrown) return super.publish(event);
    this.#thrown = true;
    throw new Error('the dispatcher broke');
  }
}

let http: HttpServer;
let socketServer: Server;
let server: MaestroBridgeServer;
let events: FirstPublishThrows;
let client: Socket;

beforeEach(async () => {
  http = createServer();
  socketServer = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const routes: RouteHost = {
    prefix: '/adapters/cc',
    register: () => undefined,
    url: (p = '') => `${address}${p}`,
  };
  // What core's realtime host does: authenticate, then join the agent's room.
  const realtime: RealtimeHost = {
    agentRoom: (id) => `agent:${id}`,
    namespace: (options) => {
      const namespace = socketServer.of('/adapters/cc');
      namespace.use((socket, next) => {
        const identity = options.authenticate(socket) as { agentId: string } | undefined;
        if (!identity) return next(new Error('unauthorized'));
        socket.data.identity = identity;
        void socket.join(`agent:${identity.agentId}`);
        next();
      });
      return namespace;
    },
  };
  const options = validateOptions(eightByEightAdapter, 'cc', {
    maestro: { allowedOrigins: [page], secret },
  }) as EightByEightOptions;
  events = new FirstPublishThrows();
  server = new MaestroBridgeServer(
    'cc',
    options,
    events,
    captureLogger().logger,
    routes,
    realtime,
    systemClock,
  );
  await server.start();
  client = io(`${address}/adapters/cc`, {
    transports: ['websocket'],
    extraHeaders: { origin: page },
    auth: { agentId: 'agent-a', token: createBridgeToken({ secret, agentId: 'agent-a' }) },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('connect_error', reject);
  });
});

afterEach(async () => {
  client.close();
  server.stop();
  await new Promise<void>((resolve) => socketServer.close(() => resolve()));
});

describe('Maestro bridge server handlers', () => {
  test('a message whose handling throws is rejected input; the next message of the bridge is handled', async () => {
    const send = (messageId: string, eventId: string) =>
      client.emit(bridgeMessages.envelope, {
        messageId,
        envelope: maestroEvent({ eventName: 'offered', eventId, searchContext: '+12015550123' }),
      });
    send('m1', 'ev-1');
    send('m2', 'ev-2');
    await waitFor(() => events.published.length === 1, 'the second message');
    expect(events.rejected).toEqual([
      { reason: 'maestro-bad-bridge-message', detail: { agentId: 'agent-a', error: 'the dispatcher broke' } },
    ]);
    expect(events.published.map((e) => e.id)).toEqual(['maestro:agent-a:offered:ev-2']);
    expect(client.connected).toBe(true);
  });
});
