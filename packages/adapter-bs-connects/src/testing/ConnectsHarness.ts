import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatedAgent, LibraryShape } from './browser/emulatorTypes.js';
import { harnessScript, integrationPath, libraryPath, libraryScript } from './emulatorScripts.js';
import { harnessHtml } from './harnessHtml.js';

export interface ConnectsHarnessOptions {
  /** The Custom Integration page to serve (the generated bridge); can be set later. */
  readonly integrationHtml?: string;
  readonly host?: string;
  readonly port?: number;
}

/** A running emulator: a stand-in for the Dynamics host that serves b+s Connects tabs. */
export interface ConnectsHarness {
  /** `http://host:port`: the "Dynamics" origin (different from the daemon's, like in production). */
  readonly url: string;
  /**
   * URL of one emulated b+s Connects tab for an agent; `library` is how its library hands over the API
   * (default `global`), `beforeDial: 'every-tab'` raises the agent's dials in all their tabs.
   */
  tabUrl(agent: EmulatedAgent & { tab?: string; library?: LibraryShape; beforeDial?: 'every-tab' }): string;
  /** Replaces the Custom Integration page the tabs load. */
  setIntegrationHtml(html: string): void;
  close(): Promise<void>;
}

/**
 * Serves the b+s Connects emulator over HTTP: `/tab?agentId=…` (one agent's tab, driven through
 * `window.connects`), the stand-in `cnx_connectsIntegrationLibrary.min.js`, and the Custom Integration
 * under `/WebResources/`, next to the library as in Dynamics.
 */
export async function startConnectsHarness(options: ConnectsHarnessOptions = {}): Promise<ConnectsHarness> {
  let integration = options.integrationHtml;
  const scripts = { harness: harnessScript(), library: libraryScript() };
  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://harness').pathname;
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
    if (path === '/' || path === '/tab') return send(res, 200, 'text/html', harnessHtml);
    if (path === '/emulator/harness.js') return send(res, 200, 'text/javascript', scripts.harness);
    if (path === libraryPath) return send(res, 200, 'text/javascript', scripts.library);
    if (path === integrationPath) {
      return integration === undefined
        ? send(res, 404, 'text/plain', 'no Custom Integration set: call setIntegrationHtml()')
        : send(res, 200, 'text/html', integration);
    }
    return send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url,
    tabUrl: (agent) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(agent))
        if (value !== undefined) query.set(key, String(value));
      return `${url}/tab?${query.toString()}`;
    },
    setIntegrationHtml: (html) => {
      integration = html;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
