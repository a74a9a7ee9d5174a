import { bsConnectsAdapter } from './manifest.js';

export { type BsConnectsOptions, bsConnectsOptionsSchema } from './BsConnectsOptions.js';
export { BsConnectsTokens } from './BsConnectsTokens.js';
export { type BridgeConfig, bridgeDefaults, defaultLibraryUrl } from './bridge/BridgeConfig.js';
export type { BridgeSettings, BridgeStatus } from './bridge/browser/browserTypes.js';
export { buildBridgeHtml } from './bridge/buildBridgeHtml.js';
export { type BridgeHtmlInputs, renderBridgeHtml } from './bridge/renderBridgeHtml.js';
export type { CilAgent, CilEventInput } from './mapping/CilEventInput.js';
export { mapCilEvent } from './mapping/mapCilEvent.js';
export { mapVendorPayload } from './mapping/mapVendorPayload.js';
export {
  type BridgeAuth,
  type BridgeEventMessage,
  type BridgeEventReply,
  BridgeMessages,
  type BridgeReport,
  type BridgeWelcome,
  type CilEventName,
  type CilReply,
  type CilRequest,
  type CilRequestName,
  cilEventNames,
  cilRequestNames,
} from './protocol/BridgeProtocol.js';
export { bsConnectsAdapter };
export default bsConnectsAdapter;
