import { xucmgtAdapter } from './manifest.js';

export {
  type PaneEvent,
  paneEvents,
  type ThirdPartyOpenParams,
  thirdPartyOpenSpec,
  type XucmgtAction,
  type XucmgtParams,
  xucmgtActions,
} from './actionSpecs.js';
export { type XucmgtErrorCode, xucmgtErrors } from './errors.js';
export {
  type MappedThirdPartyRequest,
  mapThirdPartyRequest,
  type ThirdPartyMappingContext,
  withheldToken,
} from './mapping/mapThirdPartyRequest.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { type ThirdPartyRequest, thirdPartyRequestSchema } from './mapping/thirdPartyRequestSchema.js';
export { type RequestCheck, validateThirdPartyRequest } from './mapping/validateThirdPartyRequest.js';
export { addUrlParam, noneAnswer, toXucmgtAnswer, type XucmgtAnswer } from './mapping/xucmgtAnswer.js';
export { type XucmgtContext, type XucmgtOptions, xucmgtOptionsSchema } from './options.js';
export { closeThirdPartyScript } from './pane/closeThirdPartyScript.js';
export { thirdPartyVendorEvent, xucmgtVendorEvents } from './vendorEvents.js';
export { xucmgtAdapter };
export default xucmgtAdapter;
