import { bsConnectsAdapter } from './manifest.js';

export { type BsConnectsAction, type BsConnectsParams, bsConnectsActions } from './actionSpecs.js';
export { type BridgeConfig, bridgeDefaults, defaultLibraryUrl } from './bridge/BridgeConfig.js';
export type { BridgeSettings, BridgeStatus } from './bridge/browser/browserTypes.js';
export { buildBridgeHtml } from './bridge/buildBridgeHtml.js';
export { type BridgeHtmlInputs, renderBridgeHtml } from './bridge/renderBridgeHtml.js';
export { type BsConnectsErrorCode, bsConnectsErrors } from './errors.js';
export type { CilAgent, CilEventInput } from './mapping/CilEventInput.js';
export { mapCilEvent } from './mapping/mapCilEvent.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { type BsConnectsContext, type BsConnectsOptions, bsConnectsOptionsSchema } from './options.js';
export {
  type BridgeAuth,
  type BridgeEventMessage,
  type BridgeEventReply,
  BridgeMessages,
  type BridgeReport,
  type BridgeWelcome,
  type CilReply,
  type CilRequest,
  type CilRequestName,
  cilRequestNames,
} from './transport/bridgeProtocol.js';
export {
  bsConnectsEventTypes,
  bsConnectsVendorEvents,
  type CilEventName,
  cilEventNames,
  cilEvents,
  type WorkitemEventName,
} from './vendorEvents.js';
export { bsConnectsAdapter };
export default bsConnectsAdapter;
