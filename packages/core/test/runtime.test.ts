import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type ActionOutcome, type Diagnostic, Runtime } from '../src/index.js';
import { echoAdapter, echoLog } from './fixtures/echoAdapter.js';
import { startEcho } from './fixtures/echoRuntime.js';

let stop: (() => Promise<unknown>) | undefined;
beforeEach(() => {
  echoLog.length = 0;
});
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const popupRule = `rules:
  - name: popup
    on: call.answered
    if: { "==": [ { var: call.queue }, "Sales" ] }
    do:
      - wakeup: { url: "http://crm/sales?order={{ vars.order }}", mode: new_frame }
`;

describe('runtime: two instances of one adapter side by side', () => {
  test('each instance gets its own options, events carry their source, actions go back to the source', async () => {
    const { runtime, events } = await startEcho(popupRule);
    stop = () => runtime.stop();
    expect(runtime.instances().map((i) => [i.name, i.adapter, i.status.state])).toEqual([
      ['a', 'echo', 'connected'],
      ['b', 'echo', 'connected'],
    ]);
    const ra = await events('a').publish({
      id: 'e1',
      type: 'call.answered',
      call: { id: 'c1', queue: 'Sales', peer: 'SIP/1' },
      vars: { order: 'A&B' },
    });
    const rb = await events('b').publish({
      id: 'e1',
      type: 'call.answered',
      call: { id: 'c2', queue: 'Sales', peer: 'SIP/2' },
      vars: { order: 'x' },
    });
    expect(ra.event?.source).toBe('a');
    expect(rb.event?.source).toBe('b');
    expect(echoLog).toEqual([
      {
        instance: 'a',
        action: 'wakeup',
        params: { url: 'http://crm/sales?order=A%26B', mode: 'new_frame', peer: 'SIP/1' },
      },
      {
        instance: 'b',
        action: 'wakeup',
        params: { url: 'http://crm/sales?order=x', mode: 'new_frame', peer: 'SIP/2' },
      },
    ]);
    expect(ra.outcomes[0]?.result).toEqual({ greeting: 'from-a', url: 'http://crm/sales?order=A%26B' });
    expect(rb.outcomes[0]?.result).toEqual({ greeting: 'hello', url: 'http://crm/sales?order=x' });
  });

  test('`via` sends the action to another instance', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: to-b
    on: call.offered
    do:
      - wakeup: { url: "http://crm/x" }
        via: b
`);
    stop = () => runtime.stop();
    await events('a').publish({ id: 'e1', type: 'call.offered', call: { id: 'c1' } });
    expect(echoLog.map((l) => l.instance)).toEqual(['b']);
  });

  test('invalid options of an instance are refused with every problem', () => {
    expect(
      () =>
        new Runtime({
          instances: [{ name: 'x', manifest: echoAdapter, options: { greeting: 5, colour: 'red' } }],
        }),
    ).toThrow(
      /options of adapter instance `x` \(switchboard-adapter-echo\): the options has an unknown property `colour`; `greeting` must be string/,
    );
  });
});

describe('dispatcher', () => {
  test('the same event delivered twice fires its rules once, and is counted', async () => {
    const { runtime, events } = await startEcho(popupRule);
    stop = () => runtime.stop();
    const event = { id: 'dup-1', type: 'call.answered' as const, call: { id: 'c1', queue: 'Sales' } };
    const first = await events('a').publish(event);
    const second = await events('a').publish(event);
    expect([first.status, second.status]).toEqual(['handled', 'duplicate']);
    expect(echoLog).toHaveLength(1);
    const metrics = await runtime.metrics.registry.getSingleMetricAsString(
      'switchboard_events_deduplicated_total',
    );
    expect(metrics).toContain('switchboard_events_deduplicated_total{source="a"} 1');
  });

  test('vars set on one event of a call are seen by the next event of the same call only', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: keep
    on: call.offered
    do:
      - set: { order: "{{ vars.ordernumber }}" }
  - name: use
    on: call.answered
    do:
      - wakeup: { url: "http://crm/?o={{ vars.order }}" }
`);
    stop = () => runtime.stop();
    await events('a').publish({
      id: '1',
      type: 'call.offered',
      call: { id: 'c1' },
      vars: { ordernumber: '42' },
    });
    await events('a').publish({ id: '2', type: 'call.answered', call: { id: 'c1' } });
    await events('a').publish({ id: '3', type: 'call.answered', call: { id: 'c2' } });
    expect(echoLog.map((l) => l.params.url)).toEqual(['http://crm/?o=42', 'http://crm/?o=']);
  });

  test('events of one call are handled in arrival order even when published without waiting', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: all
    on: [ call.offered, call.answered, call.ended ]
    do:
      - wakeup: { url: "http://crm/{{ id }}" }
`);
    stop = () => runtime.stop();
    const pending = ['1', '2', '3', '4'].map((id, i) =>
      events('a').publish({
        id,
        type: (['call.offered', 'call.answered', 'call.answered', 'call.ended'] as const)[i] ?? 'call.ended',
        call: { id: 'c1' },
      }),
    );
    await Promise.all(pending);
    expect(echoLog.map((l) => l.params.url)).toEqual([
      'http://crm/1',
      'http://crm/2',
      'http://crm/3',
      'http://crm/4',
    ]);
  });

  test('a failing action raises action.failed that rules can match; other rules still run', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: breaks
    on: call.answered
    do:
      - explode: {}
      - wakeup: { url: "http://crm/never" }
  - name: still-runs
    on: call.answered
    do:
      - wakeup: { url: "http://crm/ok" }
  - name: on-failure
    on: action.failed
    do:
      - wakeup: { url: "http://crm/failed?rule={{ vars.failure.rule }}&error={{ vars.failure.error }}" }
`);
    stop = () => runtime.stop();
    await events('a').publish({ id: '1', type: 'call.answered', call: { id: 'c1' } });
    await runtime.dispatcher.drain(2000);
    expect(echoLog.map((l) => l.params.url)).toEqual([
      'http://crm/ok',
      'http://crm/failed?rule=breaks&error=boom',
    ]);
  });

  test('`onError: continue` runs the next actions after a failure', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: tolerant
    on: call.answered
    do:
      - explode: {}
        onError: continue
      - wakeup: { url: "http://crm/after" }
`);
    stop = () => runtime.stop();
    const report = await events('a').publish({ id: '1', type: 'call.answered', call: { id: 'c1' } });
    expect(report.outcomes.map((o: ActionOutcome) => [o.action, o.status])).toEqual([
      ['explode', 'failed'],
      ['wakeup', 'ok'],
    ]);
  });

  test('an invalid event is rejected, counted and logged; the next one is handled', async () => {
    const { runtime, events } = await startEcho(popupRule);
    stop = () => runtime.stop();
    const seen: Diagnostic[] = [];
    runtime.diagnostics.subscribe((d) => seen.push(d));
    const bad = await events('a').publish({ id: '', type: 'call.nonsense' as 'call.answered' });
    const good = await events('a').publish({
      id: 'ok',
      type: 'call.answered',
      call: { id: 'c', queue: 'Sales' },
    });
    expect(bad.status).toBe('rejected');
    expect(bad.error).toMatch(/invalid event/);
    expect(good.status).toBe('handled');
    expect(seen.some((d) => d.kind === 'rejected' && d.reason === 'invalid-event')).toBe(true);
    const text = await runtime.metrics.registry.getSingleMetricAsString('switchboard_input_rejected_total');
    expect(text).toContain('reason="invalid-event"} 1');
  });

  test('an event waiting for an answer gets the first answering action, or no-match', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: answer-sales
    on: call.offered
    if: { "==": [ { var: call.queue }, "Sales" ] }
    do:
      - answer: { pane: "sales/{{ call.id }}" }
      - wakeup: { url: "http://crm/after-answer" }
`);
    stop = () => runtime.stop();
    const answered = await events('a').request(
      { id: '1', type: 'call.offered', call: { id: 'c1', queue: 'Sales' } },
      { timeoutMs: 1000 },
    );
    expect(answered).toEqual({ answered: true, value: { pane: 'sales/c1' }, rule: 'answer-sales' });
    const none = await events('a').request(
      { id: '2', type: 'call.offered', call: { id: 'c2', queue: 'Support' } },
      { timeoutMs: 1000 },
    );
    expect(none).toEqual({ answered: false, reason: 'no-match' });
    await runtime.dispatcher.drain(1000);
    expect(echoLog.map((l) => l.params.url)).toEqual(['http://crm/after-answer']);
  });

  test('while the daemon stops, an event waiting for an answer gets `stopping` at once, not `no-match`', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: answer-sales
    on: call.offered
    do:
      - answer: { pane: "sales/{{ call.id }}" }
`);
    stop = () => runtime.stop();
    runtime.dispatcher.beginDrain();
    const started = Date.now();
    const outcome = await events('a').request(
      { id: '1', type: 'call.offered', call: { id: 'c1', queue: 'Sales' } },
      { timeoutMs: 5000 },
    );
    expect(outcome).toEqual({ answered: false, reason: 'stopping' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a vendor event matches `on: <adapter>.<name>`', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: vendor
    on: echo.ring
    do:
      - wakeup: { url: "http://crm/ring" }
`);
    stop = () => runtime.stop();
    await events('a').publish({ id: '1', type: 'call.offered', vendorEvent: 'echo.ring', call: { id: 'c' } });
    await events('a').publish({ id: '2', type: 'call.offered', call: { id: 'c' } });
    expect(echoLog).toHaveLength(1);
  });

  test('adapter state changes raise adapter.connected / adapter.disconnected and count reconnects', async () => {
    const { runtime, events } = await startEcho(popupRule);
    stop = () => runtime.stop();
    const types: string[] = [];
    runtime.diagnostics.subscribe((d) => d.kind === 'event' && types.push(d.event.type));
    events('a').setState('disconnected', 'socket closed');
    events('a').setState('connecting');
    events('a').setState('connected');
    await runtime.dispatcher.drain(1000);
    expect(types).toEqual(['adapter.disconnected', 'adapter.connected']);
    const text = await runtime.metrics.registry.getSingleMetricAsString(
      'switchboard_adapter_reconnects_total',
    );
    expect(text).toContain('instance="a"} 1');
  });
});

describe('events that wait for an answer: rule order decides, not speed', () => {
  test('an earlier rule that answers after a slow lookup wins over a later, faster fallback', async () => {
    const { createServer } = await import('node:http');
    const slow = createServer((_req, res) =>
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":7}'), 150),
    );
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const port = (slow.address() as { port: number }).port;
    const { runtime, events } = await startEcho(`rules:
  - name: specific
    on: call.offered
    if: { "==": [ { var: call.queue }, "Sales" ] }
    do:
      - http: { url: "http://127.0.0.1:${port}/crm" }
        save: crm
      - answer: { pane: "crm/{{ vars.crm.id }}" }
  - name: fallback
    on: call.offered
    do:
      - answer: { pane: "generic" }
`);
    stop = async () => {
      await runtime.stop();
      slow.close();
    };
    const sales = await events('a').request(
      { id: '1', type: 'call.offered', call: { id: 'c1', queue: 'Sales' } },
      { timeoutMs: 2000 },
    );
    expect(sales).toEqual({ answered: true, value: { pane: 'crm/7' }, rule: 'specific' });
    const other = await events('a').request(
      { id: '2', type: 'call.offered', call: { id: 'c2', queue: 'Support' } },
      { timeoutMs: 2000 },
    );
    expect(other).toEqual({ answered: true, value: { pane: 'generic' }, rule: 'fallback' });
  });

  test('when the earlier rule fails before answering, the later rule’s answer is used', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: breaks
    on: call.offered
    do:
      - explode: {}
      - answer: { pane: "never" }
  - name: fallback
    on: call.offered
    do:
      - answer: { pane: "generic" }
`);
    stop = () => runtime.stop();
    const outcome = await events('a').request(
      { id: '1', type: 'call.offered', call: { id: 'c1' } },
      { timeoutMs: 2000 },
    );
    expect(outcome).toEqual({ answered: true, value: { pane: 'generic' }, rule: 'fallback' });
  });
});
