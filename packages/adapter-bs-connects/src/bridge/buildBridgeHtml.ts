import { packageVersion } from '../version.js';
import type { BridgeConfig } from './BridgeConfig.js';
import { renderBridgeHtml } from './renderBridgeHtml.js';
import { socketIoClientSource } from './socketIoClientSource.js';

/** The web resource for a daemon URL and key, with the socket.io client of the installed server inlined. */
export function buildBridgeHtml(config: BridgeConfig): string {
  return renderBridgeHtml(config, { socketIoClient: socketIoClientSource(), bridgeVersion: packageVersion });
}
