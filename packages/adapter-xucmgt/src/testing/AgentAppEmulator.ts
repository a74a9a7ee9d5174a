import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderAgentAppPage } from './agentAppPage.js';
import { agentAppScript } from './agentAppScript.js';
import type { RequestShape } from './sampleRequests.js';

export interface AgentAppEmulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (an ephemeral port). */
  readonly port?: number;
}

export interface AgentAppPageOptions {
  /** Request shape the Ring button sends (default 2024). */
  readonly shape?: RequestShape;
}

/**
 * A stand-in for the XucMgt agent application, served from its own origin (a small HTTP server on its
 * own port), so calls to the daemon are cross-origin as in production. Open `pageUrl(thirdPartyUrl)` in
 * a browser. `await AgentAppEmulator.start()`, then `close()` (a second `close()` does nothing).
 */
export class AgentAppEmulator {
  readonly #server: Server;
  #closed: Promise<void> | undefined;
  /** `http://127.0.0.1:<port>`: the page's origin, what `allowedOrigins` lists. */
  readonly url: string;

  private constructor(server: Server, url: string) {
    this.#server = server;
    this.url = url;
  }

  /** The same as `url`: the origin the agent page calls the daemon from. */
  get origin(): string {
    return this.url;
  }

  static async start(options: AgentAppEmulatorOptions = {}): Promise<AgentAppEmulator> {
    const page = renderAgentAppPage();
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://emulator').pathname;
      if (request.method !== 'GET') {
        response.writeHead(405, { allow: 'GET' }).end();
      } else if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end(page);
      } else if (path === '/agent-app.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(agentAppScript);
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new AgentAppEmulator(server, `http://${host}:${port}`);
  }

  /** The agent page, calling `thirdPartyUrl` (what XucMgt's `THIRD_PARTY_URL` would be). */
  pageUrl(thirdPartyUrl: string, options: AgentAppPageOptions = {}): string {
    const query = new URLSearchParams({ thirdPartyUrl, ...(options.shape ? { shape: options.shape } : {}) });
    return `${this.url}/?${query.toString()}`;
  }

  close(): Promise<void> {
    this.#closed ??= new Promise((resolve) => {
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
    return this.#closed;
  }
}
