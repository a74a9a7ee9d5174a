import { xcallyAdapter } from './manifest.js';

export { type XcallyAction, type XcallyParams, xcallyActions } from './actionSpecs.js';
export { buildCommand, type XcallyCommand } from './actions/buildCommand.js';
export { type XcallyErrorCode, xcallyErrors } from './errors.js';
export { checkPayload, type PayloadProblem, type RejectReason } from './mapping/checkPayload.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { type MapContext, type MapResult, mapXcallyEvent } from './mapping/mapXcallyEvent.js';
export {
  type ProtocolChoice,
  type XcallyContext,
  type XcallyLimits,
  type XcallyOptions,
  xcallyOptionsSchema,
} from './options.js';
export { generationOf, type ProbeResult, type ProbeTarget, probeServer } from './transport/probeServer.js';
export type { SocketGeneration } from './transport/SocketClient.js';
export { xcallyEventTypes, xcallyVendorEvents } from './vendorEvents.js';
export { xcallyAdapter };
export default xcallyAdapter;
