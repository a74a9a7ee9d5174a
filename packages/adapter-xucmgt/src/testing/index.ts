/** `@switchboard/adapter-xucmgt/testing`: a stand-in for the XucMgt agent app, and its request shapes. */
import type { EmulatorClass, RunningEmulator } from '@switchboard/core/testing';
import { AgentAppEmulator } from './AgentAppEmulator.js';

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

/** The package's emulators, for tools that start each one (`await emulators.agentApp.start()`). */
export const emulators = { agentApp: AgentAppEmulator } as const satisfies Record<
  string,
  EmulatorClass<never, RunningEmulator>
>;
