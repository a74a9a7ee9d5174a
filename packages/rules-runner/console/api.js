// The console's data: the daemon's JSON API and its live stream of server-sent events.
export const getJson = async (path) => {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
};

/** POSTs JSON (the only kind of body the admin surface takes); resolves with the status and the answer. */
export const postJson = async (path, body) => {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({ message: `HTTP ${response.status}` }));
  return { status: response.status, answer };
};

/**
 * Calls `onUpdate` for each journal update (event, matched, action, adapter, rules, reload) and
 * `onState` with `live` each time the stream (re)opens: updates sent while it was down are lost, so the
 * caller reloads then. The browser reconnects a dropped stream by itself (the daemon drops a console
 * that falls behind); a refused one (503: too many consoles open) is tried again every 10 s.
 */
export function subscribe(onUpdate, onState) {
  let source;
  let retry;
  const open = () => {
    source = new EventSource('/api/stream');
    source.onopen = () => onState('live');
    source.onerror = () => {
      onState('reconnecting');
      if (source.readyState === EventSource.CLOSED) retry = setTimeout(open, 10_000);
    };
    source.onmessage = (message) => onUpdate(JSON.parse(message.data));
  };
  open();
  return () => {
    clearTimeout(retry);
    source.close();
  };
}

export const agentOf = (event) => event.agent?.id ?? event.call?.agent ?? event.call?.peer ?? '';
export const timeOf = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : '');
export const where = (p) => [p.file, p.line, p.col].filter((x) => x !== undefined).join(':');

/** Case-insensitive substring: an empty filter lets everything through. */
export const holds = (value, wanted) =>
  !wanted ||
  String(value ?? '')
    .toLowerCase()
    .includes(wanted.toLowerCase());
