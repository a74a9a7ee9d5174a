// The Node-RED flows of the comparison, built from the nodes an integrator would wire in the editor.
// Each flow answers on its own path of the Node-RED HTTP server.

let ids = 0;
const node = (type, props, wires = []) => ({ id: `n${++ids}`, type, z: 'bench', ...props, wires });
const tab = { id: 'bench', type: 'tab', label: 'bench' };

/** A switch node: the first output when `property` equals `value`, the second otherwise. */
const equals = (property, value, match, other) =>
  node(
    'switch',
    {
      property,
      propertyType: 'msg',
      rules: [{ t: 'eq', v: value, vt: 'str' }, { t: 'else' }],
      checkall: 'false',
      repair: false,
      outputs: 2,
    },
    [[match.id], [other.id]],
  );

/** A change node setting `msg.<p>` to each value (`tot`: str, num, json, jsonata) and deleting `remove`. */
const change = (sets, next, remove = []) =>
  node(
    'change',
    {
      rules: [
        ...sets.map(([p, tot, to]) => ({ t: 'set', p, pt: 'msg', to, tot })),
        ...remove.map((p) => ({ t: 'delete', p, pt: 'msg' })),
      ],
    },
    [[next.id]],
  );

/**
 * Job (a): webhook in → bearer check → switch on the event, then on the queue → URL built with each value
 * encoded (JSONata `$encodeUrlComponent` in a change node) → http request (keep-alive on) → 200 back.
 * A wrong token gets 401; an event or queue no rule wants gets 200 without a request, like the daemon.
 */
export function webhookFlow({ path, token, sink }) {
  const respond = node('http response', { statusCode: '', headers: {} });
  const unauthorized = change(
    [
      ['statusCode', 'num', '401'],
      ['payload', 'json', '{"error":"unauthorized"}'],
    ],
    respond,
  );
  const ignored = change([['payload', 'json', '{"outcomes":[]}']], respond);
  // The http request node leaves the sink's status and headers on msg: answer with our own.
  const sent = change(
    [
      ['statusCode', 'num', '200'],
      ['payload', 'json', '{"ok":true}'],
    ],
    respond,
    ['headers'],
  );
  const get = node(
    'http request',
    {
      method: 'GET',
      ret: 'txt',
      paytoqs: 'ignore',
      url: '',
      persist: true,
      tls: '',
      proxy: '',
      authType: '',
    },
    [[sent.id]],
  );
  const url = change(
    [
      [
        'url',
        'jsonata',
        `"${sink}/crm/calls/" & $encodeUrlComponent(payload.call.uuid) & "?order=" & $encodeUrlComponent(payload.orderNumber)`,
      ],
    ],
    get,
  );
  const queue = equals('payload.call.queue.name', 'Sales', url, ignored);
  const event = equals('payload.event', 'ringing', queue, ignored);
  const auth = equals('req.headers.authorization', `Bearer ${token}`, event, unauthorized);
  const hook = node('http in', { url: path, method: 'post', upload: false, swaggerDoc: '' }, [[auth.id]]);
  return [hook, auth, event, queue, url, get, sent, ignored, unauthorized, respond];
}

const answerExpression = `{
  "action": "open",
  "event": "EventEstablished",
  "url": "https://crm.example/contacts?phone=" & $encodeUrlComponent(payload.caller) & "&call=" & $encodeUrlComponent(payload.callDataCallId),
  "title": "Trucks: " & payload.caller,
  "autopause": true
}`;

/**
 * Job (b) as wired from nodes: http in → `?key=` check (switch) → switch on the queue → change node
 * building the answer JSON (JSONata) → http response; other queues get `{"action":"none"}`.
 */
export function answerFlowNodes({ path, secret }) {
  const respond = node('http response', { statusCode: '', headers: {} });
  const unauthorized = change(
    [
      ['statusCode', 'num', '401'],
      ['payload', 'json', '{"error":"unauthorized"}'],
    ],
    respond,
  );
  const none = change([['payload', 'json', '{"action":"none"}']], respond);
  const open = change([['payload', 'jsonata', answerExpression]], respond);
  const queue = equals('payload.queue.name', 'trucks', open, none);
  const key = equals('req.query.key', secret, queue, unauthorized);
  const request = node('http in', { url: path, method: 'post', upload: false, swaggerDoc: '' }, [[key.id]]);
  return [request, key, queue, open, none, unauthorized, respond];
}

/** Job (b) best tuned: the key check, the decision and the answer in one JavaScript `function` node. */
export function answerFlowFunction({ path, secret }) {
  const respond = node('http response', { statusCode: '', headers: {} });
  const func = `const key = msg.req.query.key;
if (key !== ${JSON.stringify(secret)}) {
  msg.statusCode = 401;
  msg.payload = { error: 'unauthorized' };
  return msg;
}
const body = msg.payload;
msg.payload = body && body.queue && body.queue.name === 'trucks'
  ? {
      action: 'open',
      event: 'EventEstablished',
      url: 'https://crm.example/contacts?phone=' + encodeURIComponent(body.caller) + '&call=' + encodeURIComponent(body.callDataCallId),
      title: 'Trucks: ' + body.caller,
      autopause: true,
    }
  : { action: 'none' };
return msg;`;
  const decide = node(
    'function',
    { func, outputs: 1, timeout: 0, noerr: 0, initialize: '', finalize: '', libs: [] },
    [[respond.id]],
  );
  const request = node('http in', { url: path, method: 'post', upload: false, swaggerDoc: '' }, [
    [decide.id],
  ]);
  return [request, decide, respond];
}

/** One flow file holding the given flows. */
export const flowFile = (...flows) => [tab, ...flows.flat()];
