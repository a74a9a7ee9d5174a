// The console's data: the daemon's JSON API and its live stream of server-sent events.
export const getJson = async (path) => {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
};

/** Calls `onUpdate` for each journal update (event, matched, action, adapter, rules); reconnects by itself. */
export function subscribe(onUpdate, onState) {
  const source = new EventSource('/api/stream');
  source.onopen = () => onState('live');
  source.onerror = () => onState('reconnecting');
  source.onmessage = (message) => onUpdate(JSON.parse(message.data));
  return () => source.close();
}

export const agentOf = (event) => event.agent?.id ?? event.call?.agent ?? event.call?.peer ?? '';
export const timeOf = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });
