import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the host page of one agent embeds. */
export interface HostPageSetup {
  readonly daemon: string;
  readonly token: string;
  /** Attach to an iframe the page makes (this src) instead of letting the bridge create one. */
  readonly attachTo?: string;
  /** A frame from another origin, which posts messages the bridge must ignore. */
  readonly foreignFrame?: string;
  /** Extra `start` options (e.g. `reconnectDelayMaxMs`). */
  readonly start?: Readonly<Record<string, unknown>>;
}

const json = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The third-party page (a CRM) that includes the bridge: `/agent/<id>` embeds the bridge for that
 * agent with what `setup(id)` gives. Served from its own origin.
 */
export async function startHostPage(
  setup: (agentId: string) => HostPageSetup,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const agentId = /^\/agent\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    if (!agentId) {
      res.writeHead(404).end();
      return;
    }
    const s = setup(agentId);
    const frame = s.attachTo ? `<iframe id="maestro" src="${s.attachTo}" allow="microphone *"></iframe>` : '';
    const foreign = s.foreignFrame ? `<iframe id="foreign" src="${s.foreignFrame}"></iframe>` : '';
    const start = json({ ...s.start, agentId, token: s.token });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html><head><meta charset="utf-8"><title>CRM</title></head><body>
<h1>CRM for ${agentId}</h1>
<div id="cti" style="width:400px;height:300px"></div>${frame}${foreign}
<script src="${s.daemon}/adapters/cc/bridge.js"></script>
<script>
  const options = ${start};
  options.onError = (message) => { (window.bridgeErrors = window.bridgeErrors || []).push(message); };
  options.onStatus = (status) => { window.bridgeStatus = status; };
  if (document.getElementById('maestro')) options.frame = document.getElementById('maestro');
  else options.container = '#cti';
  window.bridge = Switchboard8x8Bridge.start(options);
</script>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
