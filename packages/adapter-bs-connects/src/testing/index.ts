/**
 * @switchboard/adapter-bs-connects/testing: a b+s Connects emulator for the browser (a stand-in
 * `ConnectsIntegrationLibrary` with the same registration and request API) and a harness server whose
 * pages drive events, tabs and login recovery and record every request.
 */

import type { EmulatorClass, RunningEmulator } from '@switchboard/core/testing';
import { ConnectsHarness } from './ConnectsHarness.js';

export type { ConnectsTab } from './browser/ConnectsTab.js';
export type { EmulatedIntegrationLibrary } from './browser/EmulatedIntegrationLibrary.js';
export type {
  EmulatedAgent,
  LibraryShape,
  ReasonCode,
  ReasonCodes,
  RecordedRequest,
  Workitem,
} from './browser/emulatorTypes.js';
export { ConnectsHarness, type ConnectsHarnessOptions, type TabSetup } from './ConnectsHarness.js';
export { harnessScript, integrationPath, libraryPath, libraryScript } from './emulatorScripts.js';

/** The package's emulators, for tools that start each one (`await emulators.connects.start()`). */
export const emulators = { connects: ConnectsHarness } as const satisfies Record<
  string,
  EmulatorClass<never, RunningEmulator>
>;
