import { xucmgtAdapter } from './manifest.js';

export {
  type PaneEvent,
  paneEvents,
  type ThirdPartyOpenParams,
  thirdPartyOpenSpec,
} from './actions/thirdPartyOpenSpec.js';
export {
  type MappedThirdPartyRequest,
  mapThirdPartyRequest,
  type ThirdPartyMappingContext,
  thirdPartyVendorEvent,
  withheldToken,
} from './mapping/mapThirdPartyRequest.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { type ThirdPartyRequest, thirdPartyRequestSchema } from './mapping/thirdPartyRequestSchema.js';
export { type RequestCheck, validateThirdPartyRequest } from './mapping/validateThirdPartyRequest.js';
export { addUrlParam, noneAnswer, toXucmgtAnswer, type XucmgtAnswer } from './mapping/xucmgtAnswer.js';
export { closeThirdPartyScript } from './pane/closeThirdPartyScript.js';
export { type XucmgtOptions, xucmgtOptionsSchema } from './XucmgtOptions.js';
export { xucmgtAdapter };
export default xucmgtAdapter;
