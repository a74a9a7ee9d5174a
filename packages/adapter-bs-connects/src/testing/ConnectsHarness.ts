import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/** One emulated tab: the agent, and how its emulated b+s Connects behaves. */
export type TabSetup = EmulatedAgent & { tab?: string; library?: LibraryShape; beforeDial?: 'every-tab' };

const send = (res: ServerResponse, status: number, type: string, body: string): void => {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
};

/**
 * The b+s Connects emulator: a stand-in for the Dynamics host that serves b+s Connects tabs over HTTP:
 * `/tab?agentId=…` (one agent's tab, driven through `window.connects`), the stand-in
 * `cnx_connectsIntegrationLibrary.min.js`, and the Custom Integration under `/WebResources/`, next to the
 * library as in Dynamics. Its origin differs from the daemon's, like in production.
 */
export class ConnectsHarness {
  /** `http://host:port`: the "Dynamics" origin. */
  readonly url: string;
  readonly #server: Server;
  #integration: string | undefined;
  #closed: Promise<void> | undefined;

  private constructor(server: Server, url: string, integrationHtml: string | undefined) {
    this.#server = server;
    this.url = url;
    this.#integration = integrationHtml;
  }

  static async start(options: ConnectsHarnessOptions = {}): Promise<ConnectsHarness> {
    const scripts = { harness: harnessScript(), library: libraryScript() };
    let harness: ConnectsHarness | undefined;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = new URL(req.url ?? '/', 'http://harness').pathname;
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
      if (path === '/' || path === '/tab') return send(res, 200, 'text/html', harnessHtml);
      if (path === '/emulator/harness.js') return send(res, 200, 'text/javascript', scripts.harness);
      if (path === libraryPath) return send(res, 200, 'text/javascript', scripts.library);
      if (path === integrationPath) {
        const integration = harness === undefined ? undefined : harness.#integration;
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
    harness = new ConnectsHarness(server, url, options.integrationHtml);
    return harness;
  }

  /**
   * URL of one emulated b+s Connects tab for an agent; `library` is how its library hands over the API
   * (default `global`), `beforeDial: 'every-tab'` raises the agent's dials in all their tabs.
   */
  tabUrl(agent: TabSetup): string {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(agent)) if (value !== undefined) query.set(key, String(value));
    return `${this.url}/tab?${query.toString()}`;
  }

  /** Replaces the Custom Integration page the tabs load. */
  setIntegrationHtml(html: string): void {
    this.#integration = html;
  }

  /** Stops listening and drops open connections; a second call does nothing more. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
    return this.#closed;
  }
}
