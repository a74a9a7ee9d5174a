import { eightByEightAdapter } from './manifest.js';

export { type EightByEightAction, type EightByEightParams, eightByEightActions } from './actionSpecs.js';
export { normalizePhoneNumber } from './actions/normalizePhoneNumber.js';
export { type X8ErrorCode, x8Errors } from './errors.js';
export { mapMaestroEnvelope } from './mapping/mapMaestroEnvelope.js';
export { mapSapiEvent, type SapiMapping } from './mapping/mapSapiEvent.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export {
  type EightByEightContext,
  type EightByEightOptions,
  type EventStreamOptions,
  eightByEightOptionsSchema,
  eventStreamRegions,
  type MaestroOptions,
  maestroCtiUrl,
  type SapiOptions,
  type SapiOutputType,
} from './options.js';
export {
  type BridgeTokenRequest,
  createBridgeToken,
  verifyBridgeToken,
} from './transport/maestro/bridgeToken.js';
export { type StartCallDirective, startCallDirective } from './transport/maestro/startCallDirective.js';
export { type DecodeResult, decodeSapiMessage, toSapiEvent } from './transport/sapi/decodeSapiMessage.js';
export type { SapiEvent, SapiMsgInfo } from './transport/sapi/SapiEvent.js';
export type { SapiFrame, SapiInvalidReason } from './transport/sapi/SapiFrame.js';
export { SapiStreamParser, type SapiStreamParserOptions } from './transport/sapi/SapiStreamParser.js';
export { vendorEvents } from './vendorEvents.js';
export { eightByEightAdapter };
export default eightByEightAdapter;
