import { eightByEightAdapter } from './manifest.js';

export { normalizePhoneNumber } from './actions/normalizePhoneNumber.js';
export {
  type EightByEightOptions,
  eightByEightOptionsSchema,
  type MaestroOptions,
  maestroCtiUrl,
  type SapiOptions,
  type SapiOutputType,
} from './EightByEightOptions.js';
export { EightByEightTokens } from './EightByEightTokens.js';
export { Adapter8x8Error, type Adapter8x8ErrorCode, adapter8x8ErrorCodes } from './errors/Adapter8x8Error.js';
export { type BridgeTokenRequest, createBridgeToken, verifyBridgeToken } from './maestro/bridgeToken.js';
export { type StartCallDirective, startCallDirective } from './maestro/startCallDirective.js';
export { mapMaestroEnvelope } from './mapping/mapMaestroEnvelope.js';
export { mapSapiEvent, type SapiMapping } from './mapping/mapSapiEvent.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { type DecodeResult, decodeSapiMessage, toSapiEvent } from './sapi/decodeSapiMessage.js';
export type { SapiEvent, SapiMsgInfo } from './sapi/SapiEvent.js';
export type { SapiFrame, SapiInvalidReason } from './sapi/SapiFrame.js';
export { SapiStreamParser, type SapiStreamParserOptions } from './sapi/SapiStreamParser.js';
export { vendorEvents } from './vendorEvents.js';
export { eightByEightAdapter };
export default eightByEightAdapter;
