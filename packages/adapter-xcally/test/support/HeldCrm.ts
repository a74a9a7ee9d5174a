import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A CRM lookup for the rules' `http` step that answers only when told, so a test knows where the
 * actions are when it stops the daemon: `held` requests wait until `release`.
 */
export class HeldCrm {
  readonly held: ServerResponse[] = [];
  lookups = 0;
  holding = true;
  readonly #server: Server = createServer((request, response) => this.#handle(request, response));

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Answers `count` held lookups (all of them, and every later one at once, without a count). */
  release(count = Number.POSITIVE_INFINITY): void {
    if (count === Number.POSITIVE_INFINITY) this.holding = false;
    for (const response of this.held.splice(0, count)) answer(response);
  }

  async close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #handle(_request: IncomingMessage, response: ServerResponse): void {
    this.lookups += 1;
    if (this.holding) this.held.push(response);
    else answer(response);
  }
}

function answer(response: ServerResponse): void {
  if (response.destroyed) return;
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"customer":"c"}');
}
