import { ConnectionError } from '@switchboard/core';

/** Statuses SAPI may use to refuse a 4th client of a tenant (8x8 does not document which). */
const refusalStatuses: ReadonlySet<number> = new Set([403, 409, 423, 429, 503]);

/**
 * A clear error for a subscribe request that did not get `200`: something a person must fix (state
 * `failed`, `adapter.error` once per streak), retried with the growing backoff. `said` is what may be
 * quoted of the response body: a redacted excerpt (a server may echo the request's credentials), never
 * the body.
 */
export function classifyRefusal(status: number, said: string, tenant: string): ConnectionError {
  const detail = said ? `HTTP ${status}: ${said}` : `HTTP ${status}`;
  if (status === 401) {
    return ConnectionError.notConnected(
      `8x8 refused tenant \`${tenant}\` with the configured token (${detail}); check sapi.tenant and sapi.token (generating a new token invalidates the old one)`,
      { code: 'X8_SAPI_AUTH', report: 'failed' },
    );
  }
  if (refusalStatuses.has(status)) {
    return ConnectionError.notConnected(
      `8x8 refused the subscription of tenant \`${tenant}\` (${detail}); SAPI lets at most 3 clients per tenant listen at once: is another client connected?`,
      { code: 'X8_SAPI_REFUSED', report: 'failed' },
    );
  }
  return ConnectionError.notConnected(`8x8 answered the subscription with ${detail}`, {
    code: 'X8_SAPI_HTTP',
    report: 'failed',
  });
}
