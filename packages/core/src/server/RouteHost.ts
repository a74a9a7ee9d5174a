import type { FastifyPluginAsync } from 'fastify';

/**
 * @deprecated Use `ctx.http` (`HttpHost`), which adds `jsonRoute`. Removed in core 2.0.
 *
 * HTTP routes of one adapter instance, under `/adapters/<instance>`. Adapters register fastify plugins
 * (encapsulated: CORS, body limits and hooks stay inside the instance) during `start()`.
 */
export interface RouteHost {
  /** `/adapters/<instance>`. */
  readonly prefix: string;
  register(plugin: FastifyPluginAsync): void;
  /** Absolute URL of a path under the prefix: the configured public URL, else the bound address. */
  url(path?: string): string;
}
