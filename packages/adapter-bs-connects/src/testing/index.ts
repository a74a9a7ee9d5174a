/**
 * @switchboard/adapter-bs-connects/testing: a b+s Connects emulator for the browser (a stand-in
 * `ConnectsIntegrationLibrary` with the same registration and request API) and a harness server whose
 * pages drive events, tabs and login recovery and record every request.
 */

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
export {
  type ConnectsHarness,
  type ConnectsHarnessOptions,
  startConnectsHarness,
} from './ConnectsHarness.js';
export { harnessScript, integrationPath, libraryPath, libraryScript } from './emulatorScripts.js';
