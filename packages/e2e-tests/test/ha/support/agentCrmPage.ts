import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the page of one agent's tab embeds. */
export interface AgentTab {
  readonly agentId: string;
  /** The signed bridge token the CRM's backend made for the agent. */
  readonly token: string;
  /** The daemon (node) whose `/adapters/<instance>/bridge.js` the page loads: the bridge connects there. */
  readonly daemon: string;
  /** The MaestroSDK iframe's URL (the emulator's, marked per tab so its records tell tabs apart). */
  readonly maestro: string;
}

const json = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A third-party CRM that embeds the 8x8 bridge, on its own origin: `/tab/<n>` is the page of tab `n` as
 * `tabs(n)` describes it (an agent, a node to connect to, its Maestro iframe). The page records the
 * bridge's status (`window.bridgeStatus`) and errors (`window.bridgeErrors`).
 */
export async function startAgentCrmPage(
  instance: string,
  tabs: (n: string) => AgentTab | undefined,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const n = /^\/tab\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    const tab = n === undefined ? undefined : tabs(n);
    if (!tab) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html><head><meta charset="utf-8"><title>CRM</title></head><body>
<h1>CRM, tab ${n}</h1>
<iframe id="maestro" src="${tab.maestro}" allow="microphone *"></iframe>
<script src="${tab.daemon}/adapters/${instance}/bridge.js"></script>
<script>
  const options = ${json({ agentId: tab.agentId, token: tab.token })};
  options.frame = document.getElementById('maestro');
  options.onError = (message) => { (window.bridgeErrors = window.bridgeErrors || []).push(message); };
  options.onStatus = (status) => { window.bridgeStatus = status; };
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
