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

/** Core's events port, except that its first accept fails, as a state store that cannot commit does. */
function firstAcceptFails(inner: AdapterEvents): AdapterEvents {
  let failed = false;
  return {
    ...inner,
    accept: (event, options) => {
      if (!failed) {
        failed = true;
        return Promise.reject(new Error('the disk is full'));
      }
      return inner.accept(event, options);
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
    events: firstAcceptFails(recordingEvents(test_.context.events, published)),
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
  test('a message core could not record is answered `retry`, not acknowledged; sent again, it is recorded once', async () => {
    const send = (messageId: string, eventId: string) =>
      client.timeout(5000).emitWithAck(bridgeMessages.envelope, {
        messageId,
        envelope: maestroEvent({ eventName: 'offered', eventId, searchContext: '+12015550123' }),
      });
    expect(await send('m1', 'ev-1')).toEqual({
      ok: false,
      retry: true,
      error: 'the message could not be recorded',
    });
    expect(published).toEqual([]);
    expect(await send('m1', 'ev-1')).toEqual({ ok: true });
    expect(await send('m2', 'ev-2')).toEqual({ ok: true });
    expect(published.map((e) => e.id)).toEqual([
      'maestro:agent-a:offered:ev-1',
      'maestro:agent-a:offered:ev-2',
    ]);
    expect(test_.rejected).toEqual([]);
    expect(test_.logs.filter((l) => l.level === 'error').map((l) => [l.msg, l.err])).toEqual([
      ['a Maestro message could not be recorded; the bridge sends it again', 'the disk is full'],
    ]);
    await waitFor(
      () => test_.events.filter((e) => e.type === 'call.offered').length === 2,
      'both events in core',
    );
    expect(client.connected).toBe(true);
  });
});
