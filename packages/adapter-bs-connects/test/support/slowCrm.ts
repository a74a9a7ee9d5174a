import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A CRM lookup on 127.0.0.1 that answers only when told, so a rule can be caught between its lookup and
 * its screen pop. `GET /lookup?call=<id>` answers `{ customer }`.
 */
export class SlowCrm {
  /** Lookups waiting for an answer, by call id (in arrival order). */
  readonly held: { call: string; response: ServerResponse }[] = [];
  /** Every lookup received, by call id (a re-run after a restart asks again). */
  readonly lookups: string[] = [];
  #holding = true;
  readonly #server = createServer((request, response) => this.#handle(request, response));

  static async start(): Promise<SlowCrm & { readonly url: string }> {
    const crm = new SlowCrm();
    await new Promise<void>((resolve) => crm.#server.listen(0, '127.0.0.1', resolve));
    const { port } = crm.#server.address() as AddressInfo;
    return Object.assign(crm, { url: `http://127.0.0.1:${port}` });
  }

  /** Answers the held lookups of these calls (all when omitted); with none given, every lookup from now on too. */
  release(calls?: readonly string[]): void {
    if (calls === undefined) this.#holding = false;
    for (let i = this.held.length - 1; i >= 0; i -= 1) {
      const item = this.held[i];
      if (item && (calls === undefined || calls.includes(item.call))) {
        this.held.splice(i, 1);
        answer(item.response, item.call);
      }
    }
  }

  /** Holds every lookup from now on (until `release()`). */
  hold(): void {
    this.#holding = true;
  }

  async close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const call = new URL(request.url ?? '/', 'http://crm').searchParams.get('call') ?? '';
    this.lookups.push(call);
    if (this.#holding) this.held.push({ call, response });
    else answer(response, call);
  }
}

function answer(response: ServerResponse, call: string): void {
  // The daemon that asked may be gone (stopped mid-lookup): nobody reads the answer then.
  if (response.destroyed) return;
  response
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ customer: `customer-of-${call}` }));
}
