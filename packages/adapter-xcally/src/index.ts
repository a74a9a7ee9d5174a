import { xcallyAdapter } from './manifest.js';

export { buildCommand, type XcallyCommand } from './actions/buildCommand.js';
export { type XcallyAction, xcallyActions } from './manifestActions.js';
export { checkPayload, type PayloadProblem, type RejectReason } from './mapping/checkPayload.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { type MapContext, type MapResult, mapXcallyEvent } from './mapping/mapXcallyEvent.js';
export { xcallyEventTypes, xcallyVendorEvents } from './mapping/xcallyEvents.js';
export { generationOf, type ProbeResult, type ProbeTarget, probeServer } from './transport/probeServer.js';
export type { SocketGeneration } from './transport/SocketClient.js';
export type { ProtocolChoice, XcallyOptions } from './XcallyOptions.js';
export { xcallyOptionsSchema } from './XcallyOptions.js';
export { xcallyAdapter };
export default xcallyAdapter;
