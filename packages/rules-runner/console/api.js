// The console's data: the daemon's JSON API and its live stream of server-sent events.
export const getJson = async (path) => {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
};

/**
 * Calls `onUpdate` for each journal update (event, matched, action, adapter, rules) and `onState`
 * with `live` each time the stream (re)opens: updates sent while it was down are lost, so the caller
 * reloads then. The browser reconnects a dropped stream by itself (the daemon drops a console that
 * falls behind); a refused one (503: too many consoles open) is tried again every 10 s.
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
export const timeOf = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });
