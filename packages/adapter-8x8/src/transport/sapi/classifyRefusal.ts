import { Adapter8x8Error } from '../errors/Adapter8x8Error.js';

/** Statuses SAPI may use to refuse a 4th client of a tenant (8x8 does not document which). */
const refusalStatuses: ReadonlySet<number> = new Set([403, 409, 423, 429, 503]);

/**
 * A clear error for a subscribe request that did not get `200`. `said` is what may be quoted of the
 * response body: a redacted excerpt (a server may echo the request's credentials), never the body.
 */
export function classifyRefusal(status: number, said: string, tenant: string): Adapter8x8Error {
  const detail = said ? `HTTP ${status}: ${said}` : `HTTP ${status}`;
  if (status === 401) {
    return new Adapter8x8Error(
      'X8_SAPI_AUTH',
      `8x8 refused tenant \`${tenant}\` with the configured token (${detail}); check sapi.tenant and sapi.token (generating a new token invalidates the old one)`,
    );
  }
  if (refusalStatuses.has(status)) {
    return new Adapter8x8Error(
      'X8_SAPI_REFUSED',
      `8x8 refused the subscription of tenant \`${tenant}\` (${detail}); SAPI lets at most 3 clients per tenant listen at once: is another client connected?`,
    );
  }
  return new Adapter8x8Error('X8_SAPI_HTTP', `8x8 answered the subscription with ${detail}`);
}
