import type { AdapterEvents, EventInput } from '@switchboard/core';
import { validateOptions } from '@switchboard/core/host';
import { createTestContext, type TestContext } from '@switchboard/core/testing';
import { waitFor } from '@switchboard/test-support';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eightByEightAdapter } from '../../src/manifest.js';
import type { EightByEightOptions } from '../../src/options.js';
import { maestroEvent } from '../../src/testing/maestroSamples.js';
import { bridgeMessages } from '../../src/transport/maestro/bridgeProtocol.js';
import { createBridgeToken } from '../../src/transport/maestro/bridgeToken.js';
import { MaestroBridge } from '../../src/transport/maestro/MaestroBridge.js';
import { MaestroInbound } from '../../src/transport/maestro/MaestroInbound.js';
import { recordingEvents } from '../support/recordingEvents.js';

const secret = 'bridge-secret-0123456789';
const page = 'https://crm.example.com';

/** Core's events port, except that its first publish throws at once, as a broken dispatcher would. */
function firstPublishThrows(inner: AdapterEvents): AdapterEvents {
  let thrown = false;
  return {
    ...inner,
    publish: (event) => {
      if (!thrown) {
        thrown = true;
        throw new Error('the dispatcher broke');
      }
      inner.publish(event);
    },
    reject: (reason, detail) => inner.reject(reason, detail),
    get status() {
      return inner.status;
    },
  };
}

let test_: TestContext<EightByEightOptions>;
let published: EventInput[];
let client: Socket;

beforeEach(async () => {
  const options = validateOptions(eightByEightAdapter, 'cc', {
    maestro: { allowedOrigins: [page], secret },
  }) as EightByEightOptions;
  test_ = createTestContext({ options, instance: 'cc' });
  published = [];
  const context = {
    ...test_.context,
    events: firstPublishThrows(recordingEvents(test_.context.events, published)),
  };
  await new MaestroBridge(context, new MaestroInbound(context)).start();
  const address = await test_.listen();
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
  await test_.close();
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
    await waitFor(() => published.length === 1, 'the second message');
    expect(test_.rejected).toEqual([
      { reason: 'maestro-bad-bridge-message', detail: { agentId: 'agent-a', error: 'the dispatcher broke' } },
    ]);
    expect(published.map((e) => e.id)).toEqual(['maestro:agent-a:offered:ev-2']);
    await waitFor(() => test_.events.some((e) => e.type === 'call.offered'), 'the event in core');
    expect(client.connected).toBe(true);
  });
});
