import type { StateStore } from '@switchboard/core';
import {
  MemoryStateBackend,
  type StateBackend,
  type StateOpening,
  systemClock,
} from '@switchboard/core/host';
import { waitFor } from '@switchboard/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRequests, connected, connectNodeBridge } from './support/nodeBridge.js';
import { dynamicsOrigin, type InProcess, startInProcess } from './support/startInProcess.js';

/**
 * A durable state backend whose commits to the b+s instance's namespace (where core records the event
 * ledger) can be held, or made to fail, by the test.
 */
class GatedState implements StateBackend {
  readonly durable = true;
  mode: 'open' | 'hold' | 'fail' = 'open';
  readonly held: (() => void)[] = [];
  readonly #inner = new MemoryStateBackend(systemClock, { durable: true });
  #ledger: StateStore | undefined;

  open(): Promise<StateOpening> {
    return this.#inner.open();
  }
  flush(): Promise<void> {
    return this.#inner.flush();
  }
  close(): Promise<void> {
    return this.#inner.close();
  }

  namespace(name: string): StateStore {
    const store = this.#inner.namespace(name);
    if (name !== 'bs') return store;
    this.#ledger ??= new Proxy(store, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (property !== 'batch') return value.bind(target);
        return async (
          ops: Parameters<StateStore['batch']>[0],
          options?: Parameters<StateStore['batch']>[1],
        ) => {
          if (this.mode === 'fail') throw new Error('disk full');
          if (this.mode === 'hold') await new Promise<void>((resolve) => this.held.push(resolve));
          return (target as StateStore).batch(ops, options);
        };
      },
    });
    return this.#ledger;
  }

  release(): void {
    this.mode = 'open';
    for (const resolve of this.held.splice(0)) resolve();
  }
}

const rules = `
rules:
  - name: screen-pop
    on: call.offered
    do:
      - createSession: { template: incoming_call, parameters: { call: "{{ call.id }}" } }
`;
const workitem = (id: string) => ({
  id: `msg-${id}`,
  name: 'workitemCreate',
  data: { event: 'workitemCreate', id, direction: 'Incoming', ani: '+41440000009', state: 'Offered' },
  raisedAt: new Date().toISOString(),
});

describe('a bridge event is acknowledged once it is recorded (core Runtime in process)', () => {
  const state = new GatedState();
  let app: InProcess;
  let bridge: Socket;
  let received: { request: string; args: unknown[] }[];
  const sessionsOf = (call: string) =>
    received.filter((r) => r.request === 'createSession' && JSON.stringify(r.args).includes(`"${call}"`));

  beforeAll(async () => {
    app = await startInProcess(rules, {}, state);
    bridge = connectNodeBridge(
      app.address,
      'bs',
      { key: app.key, agentId: 'agent-d', primary: true },
      { origin: dynamicsOrigin },
    );
    received = answerRequests(bridge);
    await connected(bridge);
  });
  afterAll(async () => {
    state.release();
    bridge?.disconnect();
    await app?.stop();
  });

  it('does not acknowledge an event before its record is committed', async () => {
    state.mode = 'hold';
    let reply: unknown;
    const acked = bridge
      .timeout(10_000)
      .emitWithAck('cil:event', workitem('w1'))
      .then((r: unknown) => {
        reply = r;
      });
    await waitFor(() => state.held.length === 1, 'the event record to be committed');
    // A message sent after the event is answered after it (one connection, in order): its answer
    // arriving first shows the event is not acknowledged while its record waits.
    const report = { dropped: 0, undecidedDials: 0, reason: 'nothing' };
    await bridge.timeout(10_000).emitWithAck('bridge:report', report);
    expect(reply).toBeUndefined();
    expect(sessionsOf('w1')).toHaveLength(0);

    state.release();
    await acked;
    expect(reply).toEqual({ ok: true });
    await waitFor(() => sessionsOf('w1').length === 1, 'the screen pop');
  });

  it('asks the bridge to send the event again when it cannot be recorded, and runs it once when it is', async () => {
    state.mode = 'fail';
    const message = workitem('w2');
    expect(await bridge.timeout(10_000).emitWithAck('cil:event', message)).toEqual({
      ok: false,
      retry: true,
      error: 'the daemon could not record the event; sent again later',
    });
    expect(sessionsOf('w2')).toHaveLength(0);

    state.mode = 'open';
    // The bridge's resend (same message) is a new event for core: the failed one was never recorded.
    expect(await bridge.timeout(10_000).emitWithAck('cil:event', message)).toEqual({ ok: true });
    await waitFor(() => sessionsOf('w2').length === 1, 'the screen pop');
    // Once recorded, a further resend (an acknowledgement lost on the way) is a duplicate.
    expect(await bridge.timeout(10_000).emitWithAck('cil:event', message)).toEqual({ ok: true });
    const duplicates = app.diagnostics.filter((d) => d.kind === 'duplicate');
    expect(duplicates).toHaveLength(1);
    expect(sessionsOf('w2')).toHaveLength(1);
  });
});
