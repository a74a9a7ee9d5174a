import type { FastifyCorsOptions } from '@fastify/cors';
import { SwitchboardError } from '../errors/index.js';
import { normalizeOrigin } from './normalizeOrigin.js';

/** Allowed browser origins, as an adapter's option gives them: a list, or `*` for any. */
export type OriginList = readonly string[] | '*';

export type OriginCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'origin-missing' | 'origin-not-allowed' | 'origin-malformed' };

const allowed: OriginCheck = { ok: true };

/**
 * The one origin policy of every HTTP route and browser socket. Scheme, host and port are compared; the
 * host case-insensitively, international names as punycode, default ports elided
 * (`https://A.Example:443` = `https://a.example`); `http` ≠ `https`; `null` and malformed values never
 * match. `*` matches any well-formed origin. A browser socket without an `Origin` is refused; an HTTP
 * request without one is no cross-origin browser call, so CORS lets it through (its authentication
 * still applies).
 */
export class OriginPolicy {
  readonly any: boolean;
  readonly #origins: ReadonlySet<string>;

  private constructor(any: boolean, origins: ReadonlySet<string>) {
    this.any = any;
    this.#origins = origins;
  }

  /**
   * Checks the entries when an instance starts: each must be an http(s) origin (scheme, host, optional
   * port; no path, query, fragment or user info). `what` names the option in the error (`bridge.allowedOrigins`).
   */
  static from(list: OriginList, what: string): OriginPolicy {
    return OriginPolicy.#build(list, what, false);
  }

  /**
   * @deprecated For legacy namespaces (`InstanceTokens.Realtime`) only: entries that are no origin are
   * left out instead of refused, as they never matched before. Removed in core 2.0.
   */
  static tolerant(list: OriginList): OriginPolicy {
    return OriginPolicy.#build(list, '', true);
  }

  static #build(list: OriginList, what: string, tolerant: boolean): OriginPolicy {
    const entries = list === '*' ? ['*'] : list;
    const origins = new Set<string>();
    let any = false;
    for (const entry of entries) {
      if (entry === '*') {
        any = true;
        continue;
      }
      // A configured origin may end in one `/` (browsers never send it): unambiguous, so accepted.
      const origin = normalizeOrigin(entry.endsWith('/') ? entry.slice(0, -1) : entry);
      if (origin === undefined) {
        if (tolerant) continue;
        throw new SwitchboardError(
          'SWB_PLUGIN_OPTIONS',
          `${what}: \`${entry}\` is not an origin: write the scheme, host and port only, e.g. https://crm.example.com`,
        );
      }
      origins.add(origin);
    }
    return new OriginPolicy(any, origins);
  }

  /** The allowed origins in canonical form (without `*`). */
  get origins(): readonly string[] {
    return [...this.#origins];
  }

  /** A browser socket: the page's Origin must be there and allowed. */
  allowsSocket(origin: string | undefined): OriginCheck {
    if (origin === undefined || origin === '') return { ok: false, reason: 'origin-missing' };
    return this.#check(origin);
  }

  /** An HTTP request: no Origin is no cross-origin browser call, so allowed here. */
  allowsRequest(origin: string | undefined): OriginCheck {
    if (origin === undefined) return allowed;
    return this.#check(origin);
  }

  /** The CSP `frame-ancestors` value for pages shown inside an allowed page. */
  frameAncestors(): string {
    if (this.any) return '*';
    return this.#origins.size === 0 ? "'none'" : [...this.#origins].join(' ');
  }

  /** `@fastify/cors` options: the request's origin reflected when allowed (a literal `*` for any without credentials). */
  corsOptions(options: {
    readonly methods: readonly string[];
    readonly allowedHeaders?: readonly string[];
    readonly credentials?: boolean;
    readonly maxAgeSeconds?: number;
  }): FastifyCorsOptions {
    const credentials = options.credentials ?? false;
    return {
      origin:
        this.any && !credentials
          ? '*'
          : (origin, callback) => callback(null, origin !== undefined && this.#check(origin).ok),
      methods: [...options.methods],
      ...(options.allowedHeaders ? { allowedHeaders: [...options.allowedHeaders] } : {}),
      credentials,
      maxAge: options.maxAgeSeconds ?? 600,
      strictPreflight: true,
    };
  }

  #check(origin: string): OriginCheck {
    const normalized = normalizeOrigin(origin);
    if (normalized === undefined) return { ok: false, reason: 'origin-malformed' };
    return this.any || this.#origins.has(normalized) ? allowed : { ok: false, reason: 'origin-not-allowed' };
  }
}
