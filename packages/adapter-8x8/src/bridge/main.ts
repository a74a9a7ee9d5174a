import type { BridgeServerConfig } from '../transport/maestro/bridgeProtocol.js';
import { type BridgeHandle, type StartOptions, startBridge } from './startBridge.js';

/**
 * The browser entry: `window.Switchboard8x8Bridge`. The daemon appends `configure(...)` with the
 * instance's namespace and Maestro URL; the page calls `start({ agentId, token, container })`.
 */
const scriptUrl = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';
let config: BridgeServerConfig | undefined;

const api = {
  version: '1.0.0',
  configure(value: BridgeServerConfig): void {
    config = value;
  },
  start(options: StartOptions & { daemonUrl?: string }): BridgeHandle {
    if (!config)
      throw new Error('Switchboard 8x8 bridge: load it from the daemon (/adapters/<instance>/bridge.js)');
    const daemonUrl = options.daemonUrl ?? (scriptUrl ? new URL(scriptUrl).origin : location.origin);
    const handle = startBridge(config, daemonUrl, options);
    api.last = handle;
    return handle;
  },
  /** The most recently started bridge (for diagnostics in the browser console). */
  last: undefined as BridgeHandle | undefined,
};

(window as unknown as { Switchboard8x8Bridge: typeof api }).Switchboard8x8Bridge = api;
