import { AdapterContext, type HttpHost, inject, injectable, type OriginPolicy } from '@switchboard/core';
import type { XucmgtContext } from '../options.js';
import { type PaneContent, PaneStore } from './PaneStore.js';
import { paneRoutes } from './paneRoutes.js';

/** The built-in pane of one instance: its pages, kept for `paneTtl` in the instance's state, and the routes that serve them. */
@injectable()
export class PanePages {
  readonly #http: HttpHost;
  readonly #store: PaneStore;

  constructor(@inject(AdapterContext) ctx: XucmgtContext) {
    this.#http = ctx.http;
    this.#store = new PaneStore(ctx.state, ctx.options.paneTtl * 1000);
  }

  /** Serves `GET /pane/:id` and `GET /pane.js`; only `origins` may show the pages in a frame. */
  mount(origins: OriginPolicy): void {
    this.#http.register(paneRoutes(this.#store, origins));
  }

  /** Keeps a page for the call; its URL (unguessable, needs no key) once the page is stored. */
  async add(content: PaneContent): Promise<string> {
    return this.#http.url(`/pane/${await this.#store.add(content)}`);
  }
}
