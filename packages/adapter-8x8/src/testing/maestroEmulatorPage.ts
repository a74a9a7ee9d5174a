/**
 * The Maestro stand-in page. In the browser it offers `window.maestroEmulator.emit(message)` (posts to
 * the parent page, at the parent's origin) and records every message it receives, reporting each to
 * its server. `allowed` lists embedding origins (8x8 whitelists domains); empty allows any.
 */
export function maestroEmulatorPage(allowed: readonly string[]): string {
  const script = `(() => {
  const allowed = ${JSON.stringify(allowed).replace(/</g, '\\u003c')};
  const parentOrigin = (location.ancestorOrigins && location.ancestorOrigins[0]) || '*';
  const whitelisted = allowed.length === 0 || allowed.includes(parentOrigin);
  const received = [];
  window.maestroEmulator = {
    received,
    whitelisted,
    emit(message) {
      if (!whitelisted) return false;
      window.parent.postMessage(message, parentOrigin === 'null' ? '*' : parentOrigin);
      return true;
    },
  };
  window.addEventListener('message', (event) => {
    const entry = { origin: event.origin, data: event.data, page: location.search };
    received.push(entry);
    fetch('/__emulator/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(entry),
    }).catch(() => undefined);
  });
  document.getElementById('status').textContent = whitelisted ? 'Maestro emulator ready' : 'domain not whitelisted';
})();`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Maestro emulator</title></head>
<body><p id="status">loading</p><script>${script}</script></body></html>`;
}
