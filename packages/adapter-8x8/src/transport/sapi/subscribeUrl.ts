import type { SapiOptions } from '../../options.js';

/** `https://vcc-<cluster>.8x8.com`, or the configured base URL. */
export function sapiBaseUrl(options: Pick<SapiOptions, 'cluster' | 'baseUrl'>): string {
  if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '');
  return `https://vcc-${options.cluster}.8x8.com`;
}

/**
 * The subscribe URL: `/api/streaming/v1/clientconnect/subscribe/TenantUpdates-<tenant>-<subscriptionId>`
 * with the output type, tenant and subscription in the query, and (like 8x8's Java client, which uses
 * Atmosphere's wAsync) the Atmosphere protocol parameters. Every value is encoded.
 */
export function subscribeUrl(
  options: Pick<SapiOptions, 'cluster' | 'baseUrl' | 'tenant' | 'outputType' | 'atmosphere'>,
  subscriptionId: string,
): URL {
  const channel = `TenantUpdates-${options.tenant}-${subscriptionId}`;
  const url = new URL(
    `${sapiBaseUrl(options)}/api/streaming/v1/clientconnect/subscribe/${encodeURIComponent(channel)}`,
  );
  url.searchParams.set('desiredOutputType', options.outputType);
  url.searchParams.set('tenantId', options.tenant);
  url.searchParams.set('subsId', subscriptionId);
  url.searchParams.set('X-Atmosphere-Transport', 'streaming');
  if (options.atmosphere) {
    url.searchParams.set('X-Atmosphere-Framework', '2.3.0');
    url.searchParams.set('X-Atmosphere-tracking-id', '0');
    url.searchParams.set('X-atmo-protocol', 'true');
    url.searchParams.set('X-Atmosphere-TrackMessageSize', 'true');
  }
  return url;
}

/** Preemptive HTTP Basic credentials: tenant as user, token as password. */
export function basicAuthorization(tenant: string, token: string): string {
  return `Basic ${Buffer.from(`${tenant}:${token}`, 'utf8').toString('base64')}`;
}
