import type { FastifyPluginAsync } from 'fastify';
import type { AdapterEvents } from '../contract/AdapterEvents.js';
import type { HttpHost, JsonRouteSpec } from '../contract/HttpHost.js';
import type { HttpSurface } from '../server/HttpSurface.js';
import { type JsonRouteDeps, jsonRoutePlugin } from './jsonRoute.js';

export interface HttpHostDeps extends JsonRouteDeps {
  readonly instance: string;
  readonly events: AdapterEvents;
  /** The instance shows its routes as its state (no client connection reports one). */
  readonly reportsState: () => boolean;
}

/** The `ctx.http` of one instance: routes under `/adapters/<instance>` on the daemon's server. */
export class HttpHostImpl implements HttpHost {
  readonly #surface: HttpSurface;
  readonly #deps: HttpHostDeps;
  readonly #used: () => void;
  readonly prefix: string;

  constructor(surface: HttpSurface, deps: HttpHostDeps, used: () => void) {
    this.#surface = surface;
    this.#deps = deps;
    this.#used = used;
    this.prefix = `/adapters/${encodeURIComponent(deps.instance)}`;
  }

  url(path = ''): string {
    return this.#surface.routesFor(this.#deps.instance).url(path);
  }

  register(plugin: FastifyPluginAsync): void {
    this.#used();
    this.#surface.routesFor(this.#deps.instance).register(plugin);
  }

  jsonRoute(spec: JsonRouteSpec): void {
    this.register(jsonRoutePlugin(spec, this.#deps));
    this.#surface.onListening(() => {
      if (!this.#deps.reportsState()) return;
      const url = this.url(spec.path === '/' ? '' : spec.path);
      this.#deps.events.setState('listening', spec.describe ? spec.describe(url) : url);
    });
  }
}
