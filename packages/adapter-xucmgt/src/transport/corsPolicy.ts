import type { FastifyCorsOptions } from '@fastify/cors';
import type { XucmgtOptions } from '../XucmgtOptions.js';

/** Methods the web service answers cross-origin: the POST and its preflight. */
export const corsMethods = ['POST', 'OPTIONS'] as const;

/** Which browser origins may call the web service: the configured allowlist, or any with `*`. */
export class CorsPolicy {
  readonly #any: boolean;
  readonly #origins: ReadonlySet<string>;
  readonly #options: XucmgtOptions;

  constructor(options: XucmgtOptions) {
    this.#options = options;
    this.#any = options.allowedOrigins.includes('*');
    this.#origins = new Set(options.allowedOrigins.filter((o) => o !== '*').map((o) => o.toLowerCase()));
  }

  /** A request without `Origin` is not a cross-origin browser call (curl, server-side, same origin). */
  allows(origin: string | undefined): boolean {
    return origin === undefined || this.#any || this.#origins.has(origin.toLowerCase());
  }

  /** `frame-ancestors` for pages the agent app shows in its pane. */
  frameAncestors(): string {
    if (this.#any) return '*';
    return this.#origins.size === 0 ? "'none'" : [...this.#origins].join(' ');
  }

  /** Options for `@fastify/cors`: a literal `*` when allowed and no credentials, else the origin reflected. */
  fastifyOptions(): FastifyCorsOptions {
    const credentials = this.#options.allowCredentials;
    return {
      origin: this.#any && !credentials ? '*' : (origin, callback) => callback(null, this.allows(origin)),
      methods: [...corsMethods],
      allowedHeaders: [...this.#options.allowedHeaders],
      credentials,
      maxAge: 600,
      strictPreflight: true,
    };
  }
}
