/** `@switchboard/adapter-xucmgt/testing`: a stand-in for the XucMgt agent app, and its request shapes. */
export {
  AgentAppEmulator,
  type AgentAppEmulatorOptions,
  type AgentAppPageOptions,
} from './AgentAppEmulator.js';
export {
  type RequestShape,
  type SampleRequestOptions,
  sampleRequest,
  sampleUserToken,
} from './sampleRequests.js';
