import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `POST /pop` the daemons sent. */
export interface PopRequest {
  readonly call: string;
  /** The `Idempotency-Key` header: a CRM drops a repeat of a key it has seen. */
  readonly key: string;
}

/**
 * The daemons' far side (a CRM): `GET /lookup?call=…` answers at once, or only when released while the
 * test holds lookups (so the actions after it wait at a known step when a node is killed), and `POST /pop`
 * records each screen-pop with its idempotency key. `answered` lists the calls whose lookup was answered:
 * once each of them popped, no pop is between its lookup and its write.
 */
export class FarSide {
  readonly pops: PopRequest[] = [];
  readonly answered = new Set<string>();
  readonly #held: { call: string; response: ServerResponse }[] = [];
  #holding = false;
  readonly #server: Server = createServer((request, response) => void this.#handle(request, response));

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Lookups wait from now on, until `release()`. */
  hold(): void {
    this.#holding = true;
  }

  /** Lookups answer at once again, the held ones too. */
  release(): void {
    this.#holding = false;
    for (const { call, response } of this.#held.splice(0)) this.#answer(call, response);
  }

  get held(): number {
    return this.#held.filter((h) => !h.response.destroyed).length;
  }

  /** Every call whose lookup was answered has popped (`popped(call)`): no pop is half-way. */
  settled(popped: (call: string) => boolean): boolean {
    return [...this.answered].every(popped);
  }

  async close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += chunk;
    const url = new URL(request.url ?? '/', 'http://far');
    if (url.pathname === '/lookup') {
      const call = url.searchParams.get('call') ?? '';
      if (this.#holding) this.#held.push({ call, response });
      else this.#answer(call, response);
      return;
    }
    if (url.pathname === '/pop') {
      const body = JSON.parse(text) as { call: string };
      this.pops.push({ call: body.call, key: String(request.headers['idempotency-key'] ?? '') });
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }

  #answer(call: string, response: ServerResponse): void {
    if (response.destroyed) return;
    this.answered.add(call);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"customer":"c-1"}');
  }
}
