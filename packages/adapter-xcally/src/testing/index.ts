/**
 * @switchboard/adapter-xcally/testing: an xcally-realtime emulator (socket.io 2.x or 4.x) for tests,
 * examples and rule development without an xCALLY server.
 */
export {
  type EmulatorScenario,
  loadEmulatorScenario,
  type ScenarioStep,
  toScenario,
} from './EmulatorScenario.js';
export type { EmulatorProfile } from './EmulatorSocketServer.js';
export type { ReceivedCommand } from './ReceivedLog.js';
export { generateSelfSignedCertificate, type SelfSignedCertificate } from './selfSignedCertificate.js';
export { type PlayOptions, XcallyEmulator, type XcallyEmulatorOptions } from './XcallyEmulator.js';
