/**
 * @switchboard/adapter-xcally/testing: an xcally-realtime emulator (socket.io 2.x or 4.x) for tests,
 * examples and rule development without an xCALLY server.
 */

export type { EmittedEvent } from './EmittedLog.js';
export {
  type EmulatorScenario,
  loadEmulatorScenario,
  type ScenarioStep,
  toScenario,
} from './EmulatorScenario.js';
export type { EmulatorProfile } from './EmulatorSocketServer.js';
export type { ReceivedCommand } from './ReceivedLog.js';
export { generateSelfSignedCertificate, type SelfSignedCertificate } from './selfSignedCertificate.js';

import type { EmulatorClass, RunningEmulator } from '@switchboard/core/testing';
import { XcallyEmulator } from './XcallyEmulator.js';

export { type PlayOptions, XcallyEmulator, type XcallyEmulatorOptions } from './XcallyEmulator.js';

/** The package's emulators, for tools that start each one (`await emulators.xcally.start()`). */
export const emulators = { xcally: XcallyEmulator } as const satisfies Record<
  string,
  EmulatorClass<never, RunningEmulator>
>;
