import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NormalizedEvent } from '@switchboard/core';
import { compileRuleSources, RuleCatalog, Runtime } from '@switchboard/core/host';
import { waitFor } from '@switchboard/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xcallyAdapter } from '../src/index.js';
import { XcallyEmulator } from '../src/testing/index.js';
import { upPayload } from './support/daemonConfig.js';

const rules = `rules:
  - name: remember-order
    on: xcally.ringing
    if: { "!!": [{ var: vars.ordernumber }] }
    do:
      - set: { order: "{{ vars.ordernumber }}" }
  - name: sales-popup
    on: xcally.up
    if: { "==": [{ var: call.queue }, "Sales"] }
    do:
      - wakeup: { url: "http://webservice1/sales?ordernumber={{ vars.order }}", mode: new_frame }
  - name: crm-lookup
    on: xcally.ringing
    if: { "==": [{ var: call.queue }, "Support"] }
    do:
      - http: { url: "\${CRM_URL}/orders?caller={{ call.caller }}" }
        save: crm
  - name: support-popup
    on: xcally.up
    if: { "==": [{ var: call.queue }, "Support"] }
    do:
      - wakeup: { url: "http://crm.example/orders/{{ vars.crm.ordernumber }}" }
`;

let emulator: XcallyEmulator;
let crm: Server;
const crmRequests: string[] = [];
let runtime: Runtime;
const events: NormalizedEvent[] = [];
const rejected: { reason: string; detail?: Record<string, unknown> }[] = [];

beforeEach(async () => {
  crm = createServer((req, res) => {
    crmRequests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ordernumber: 'H/77' }));
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  const crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
  emulator = await XcallyEmulator.start({ profile: 'v2' });
  const url = emulator.url;
  const instances = [
    {
      name: 'xcally',
      manifest: xcallyAdapter,
      options: { url, protocol: 'v2', reconnect: { initialMs: 30, maxMs: 200 } },
    },
  ];
  const loaded = compileRuleSources([{ file: 'rules.yaml', text: rules }], {
    catalog: new RuleCatalog(instances),
    env: { CRM_URL: crmUrl },
  });
  if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  runtime = new Runtime({ instances, rules: loaded.ruleSet });
  events.length = 0;
  crmRequests.length = 0;
  rejected.length = 0;
  runtime.diagnostics.subscribe((d) => {
    if (d.kind === 'event') events.push(d.event);
    if (d.kind === 'rejected') rejected.push({ reason: d.reason, ...(d.detail ? { detail: d.detail } : {}) });
  });
  await runtime.start();
  await waitFor(() => runtime.instances()[0]?.status.state === 'connected', 'the connection');
});

afterEach(async () => {
  await runtime.stop(1000);
  await emulator.close();
  await new Promise((resolve) => crm.close(resolve));
});

async function rejectedCounts(): Promise<Record<string, number>> {
  const metric = await runtime.metrics.rejected.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.reason), v.value]));
}

describe('the adapter inside the runtime', () => {
  it('counts each malformed payload by reason (switchboard_input_rejected_total) and goes on', async () => {
    emulator.emit(42, 'up');
    emulator.emit(['up'], 'up');
    emulator.emit({ uniqueid: '1.1', queue: 'Sales' }, 'up');
    emulator.emit({ event: 'up', queue: 'Sales' });
    emulator.emit(upPayload('1.2', 'Sales', { uniqueid: 1.2 }));
    emulator.emit(upPayload('1.3', 'Sales', { queue: 7 }));
    emulator.emit(upPayload('1.3b', 'Sales', { queue: { name: 'Sales' } }));
    emulator.emit(upPayload('1.4', 'Sales', { agentname: 'z'.repeat(10_000) }));
    emulator.emit(upPayload('1.5', 'Sales', { more: Array(20).fill('q'.repeat(4000)) }));
    emulator.emit(upPayload('1.6', 'Sales', { ordernumber: 'fine' }));
    await waitFor(() => events.some((e) => e.call?.id === '1.6'), 'the good event after the bad ones');
    await waitFor(() => rejected.length === 8, 'eight rejections');
    expect(await rejectedCounts()).toEqual({
      'not-an-object': 2,
      'missing-event': 1,
      'missing-uniqueid': 1,
      'invalid-field': 2,
      'string-too-long': 1,
      'payload-too-large': 1,
    });
    expect(rejected.map((r) => r.detail?.field)).toEqual([
      undefined,
      undefined,
      'event',
      'uniqueid',
      'uniqueid',
      'queue',
      'agentname',
      undefined,
    ]);
    expect(JSON.stringify(rejected)).not.toContain('zzzz');
    // `queue: 7` is a number where text is expected in a descriptive field: converted, not rejected.
    expect(events.find((e) => e.call?.id === '1.3')?.call?.queue).toBe('7');
    expect(runtime.instances()[0]?.status.state).toBe('connected');
  });

  it('keeps a custom variable of one event for the later events of the call (vars.*)', async () => {
    const ringing = { ...upPayload('2.1', 'Sales'), event: 'ringing', ringing: true, up: undefined };
    emulator.emit({ ...ringing, customvariables: { '2.1': { ordernumber: 'A&B 42' } } });
    await waitFor(() => events.some((e) => e.type === 'call.offered'), 'the ringing');
    emulator.emit(upPayload('2.1', 'Sales'));
    const [agentCti] = await emulator.waitForCommands('AgentCTI', 1);
    expect(agentCti?.payload).toEqual({
      url: 'http://webservice1/sales?ordernumber=A%26B%2042',
      peer: 'SIP/andrea.bianco',
      mode: 'new_frame',
    });
  });

  it('keeps an http lookup saved on ringing for the popup on up (vars.crm.*)', async () => {
    const ringing = { ...upPayload('3.1', 'Support'), event: 'ringing', ringing: true, up: undefined };
    emulator.emit(ringing);
    await waitFor(() => crmRequests.length === 1, 'the CRM lookup');
    expect(crmRequests).toEqual(['/orders?caller=%2B3228887766']);
    emulator.emit(upPayload('3.1', 'Support'));
    const [agentCti] = await emulator.waitForCommands('AgentCTI', 1);
    expect(agentCti?.payload).toMatchObject({ url: 'http://crm.example/orders/H%2F77', mode: 'new_tab' });
  });
});
