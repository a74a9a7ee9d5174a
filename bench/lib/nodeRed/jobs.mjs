// The two jobs of the Node-RED comparison: the request each load run sends, the check each server must
// pass before it is measured (same answer, same URL at the sink, the token or key enforced), and the
// servers that do the job.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { answerFlowFunction, answerFlowNodes, flowFile, webhookFlow } from './flows.mjs';
import { startNodeRed } from './nodeRedServer.mjs';
import { ownGroup, startScript } from './processes.mjs';
import { startAnswerDaemon, startWebhookDaemon } from './switchboardServers.mjs';

const token = `hook-${randomBytes(12).toString('hex')}`;
const secret = `xuc-${randomBytes(12).toString('hex')}`;
const json = { 'content-type': 'application/json' };
const post = (url, body, headers = {}) =>
  fetch(url, { method: 'POST', body, headers: { ...json, ...headers } });
const relayScript = new URL('./relay.mjs', import.meta.url).pathname;

/** Job (a): a PBX webhook for a new call in the Sales queue; the call id names the sink's GET. */
export function webhookRequest(n) {
  const id = `c/${n} x`;
  return {
    id,
    body: JSON.stringify({
      event: 'ringing',
      eventId: `e-${n}`,
      timestamp: 1717000000000 + n,
      call: { uuid: id, from: `+32 2 555 ${n}`, queue: { name: 'Sales' }, dir: 'in' },
      orderNumber: `A/${n} #x`,
    }),
  };
}

/** Job (b): XucMgt's 2024 request (the adapter's fixture) for a new call of the `trucks` queue. */
const fixture = JSON.parse(
  readFileSync(
    new URL('../../../packages/adapter-xucmgt/test/fixtures/request-2024.json', import.meta.url),
    'utf8',
  ),
);
export function answerRequest(n) {
  const id = `1717000123.${n}`;
  const caller = `+32 2 555 ${n}`;
  return { id, body: JSON.stringify({ ...fixture, caller, callDataCallId: id }) };
}
const expectedAnswer = (n) => ({
  action: 'open',
  event: 'EventEstablished',
  url: `https://crm.example/contacts?phone=${encodeURIComponent(`+32 2 555 ${n}`)}&call=${encodeURIComponent(`1717000123.${n}`)}`,
  title: `Trucks: +32 2 555 ${n}`,
  autopause: true,
});

/** A started server: `pid` is the process that does the work (for peak RSS), `stop()` ends its group. */
async function nodeRedServer(tmp, flows, readyPath) {
  const server = await startNodeRed({
    flows: flowFile(flows),
    tmp,
    // Deployed once the flow answers an unauthorized POST with 401.
    ready: async (url) => (await post(`${url}${readyPath}`, '{}')).status === 401,
  });
  return server;
}

export function webhookJob({ sink, tmp }) {
  const check = async ({ url, headers, enforcesToken }) => {
    const probe = webhookRequest(-1);
    const res = await post(url, probe.body, headers);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    const { last } = await (await fetch(`${sink}/__last`)).json();
    const target = new URL(last, sink);
    const id = decodeURIComponent(target.pathname.slice('/crm/calls/'.length));
    const order = target.searchParams.get('order');
    if (id !== probe.id || order !== JSON.parse(probe.body).orderNumber)
      throw new Error(`the sink got ${last}, not the probe's call id and order`);
    if (enforcesToken) {
      const denied = await post(url, probe.body, { authorization: 'Bearer wrong-token-0123456789' });
      if (denied.status !== 401) throw new Error(`a wrong token got ${denied.status}, not 401`);
    }
    return last;
  };
  return {
    request: webhookRequest,
    servers: {
      switchboard: async () => {
        const { daemon, url, stop } = await startWebhookDaemon({ token, sink });
        ownGroup(daemon.process.pid);
        const server = { pid: daemon.process.pid, url, headers: { authorization: `Bearer ${token}` } };
        return {
          ...server,
          stop,
          target: await check({ ...server, enforcesToken: true }),
        };
      },
      nodeRed: async () => {
        const nr = await nodeRedServer(tmp, webhookFlow({ path: '/hook', token, sink }), '/hook');
        const server = { pid: nr.pid, url: `${nr.url}/hook`, headers: { authorization: `Bearer ${token}` } };
        return { ...server, stop: nr.stop, target: await check({ ...server, enforcesToken: true }) };
      },
      relay: async () => {
        const relay = await startScript(relayScript, [sink]);
        const server = { pid: relay.child.pid, url: `http://127.0.0.1:${relay.ready.port}/`, headers: {} };
        return { ...server, stop: relay.stop, target: await check(server) };
      },
    },
  };
}

export function answerJob({ tmp }) {
  const check = async ({ url, wrongKeyUrl }) => {
    const res = await post(url, answerRequest(-1).body);
    const answer = await res.json();
    if (res.status !== 200 || !isDeepStrictEqual(answer, expectedAnswer(-1)))
      throw new Error(`unexpected answer ${res.status} ${JSON.stringify(answer)}`);
    const denied = await post(wrongKeyUrl, answerRequest(-2).body);
    if (denied.status !== 401) throw new Error(`a wrong key got ${denied.status}, not 401`);
    return answer;
  };
  const nodeRed = (flow) => async () => {
    const nr = await nodeRedServer(tmp, flow({ path: '/xuc', secret }), '/xuc');
    const server = { pid: nr.pid, url: `${nr.url}/xuc?key=${secret}`, headers: {} };
    return {
      ...server,
      stop: nr.stop,
      target: await check({ ...server, wrongKeyUrl: `${nr.url}/xuc?key=wrong` }),
    };
  };
  return {
    request: answerRequest,
    servers: {
      switchboard: async () => {
        const { daemon, url, stop } = await startAnswerDaemon({ secret });
        ownGroup(daemon.process.pid);
        const server = { pid: daemon.process.pid, url: `${url}?key=${secret}`, headers: {} };
        return {
          ...server,
          stop,
          target: await check({ ...server, wrongKeyUrl: `${url}?key=wrong-key-0123456789` }),
        };
      },
      nodeRedNodes: nodeRed(answerFlowNodes),
      nodeRedFunction: nodeRed(answerFlowFunction),
    },
  };
}
