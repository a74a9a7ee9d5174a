import type { BridgeSettings } from './browser/browserTypes.js';

/** What the web resource is generated for. */
export interface BridgeConfig {
  /** The daemon as agents' browsers reach it (`server.publicUrl`), e.g. `https://switchboard.contoso.com`. */
  readonly daemonUrl: string;
  /** The adapter instance name in `switchboard.yaml` (the socket.io namespace is `/adapters/<instance>`). */
  readonly instance: string;
  /** The instance's `key` option. */
  readonly key: string;
  /** Where the page loads the b+s library from; relative to the web resource by default. */
  readonly libraryUrl?: string;
  readonly channelId?: string;
  readonly maxQueuedEvents?: number;
  readonly maxEventAgeMs?: number;
  readonly primaryCheckMs?: number;
  readonly retryMs?: number;
  readonly refusedRetryMs?: number;
  readonly ackTimeoutMs?: number;
  readonly reconnectDelayMaxMs?: number;
}

export const defaultLibraryUrl = 'cnx_connectsIntegrationLibrary.min.js';

export const bridgeDefaults = {
  channelId: 'voice',
  maxQueuedEvents: 200,
  maxEventAgeMs: 120_000,
  primaryCheckMs: 5_000,
  retryMs: 5_000,
  refusedRetryMs: 60_000,
  ackTimeoutMs: 10_000,
  reconnectDelayMaxMs: 5_000,
} as const;

/** Checks a config and works out the settings baked into the page, with the socket.io path. */
export function bridgeSettings(
  config: BridgeConfig,
  bridgeVersion: string,
): { settings: BridgeSettings; socketPath: string } {
  let url: URL;
  try {
    url = new URL(config.daemonUrl);
  } catch {
    throw new Error(`the daemon URL \`${config.daemonUrl}\` is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`the daemon URL must be http(s), not ${url.protocol}`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    throw new Error('the daemon URL must not carry a query, fragment or credentials');
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(config.instance))
    throw new Error(`\`${config.instance}\` is not an adapter instance name`);
  if (config.key.length < 16) throw new Error('the bridge key must have at least 16 characters');
  const prefix = url.pathname.replace(/\/+$/, '');
  const settings: BridgeSettings = {
    ...bridgeDefaults,
    ...Object.fromEntries(Object.entries(config).filter(([k, v]) => k in bridgeDefaults && v !== undefined)),
    namespaceUrl: `${url.origin}/adapters/${config.instance}`,
    key: config.key,
    bridgeVersion,
  };
  return { settings, socketPath: `${prefix}/socket.io` };
}
