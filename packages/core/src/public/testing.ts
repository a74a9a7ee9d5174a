/**
 * @switchboard/core/testing: what adapter authors and rule tests use: a recorder that stands in for an
 * adapter's actions, a clock that only moves when told, a real instance context for testing an
 * adapter's parts, and the shape every emulator has.
 */
export { TestLeaseBroker } from '../connections/TestLeaseBroker.js';
export { assertValidEvent } from '../events/validateEvent.js';
export { ManualClock } from '../runtime/Clock.js';
export { MemoryStateBackend, MemoryStateStore } from '../state/MemoryStateBackend.js';
export { type RecordedAction, RecordingExecutor, recordersFor } from './RecordingExecutor.js';
export type { EmulatorClass, RunningEmulator } from './RunningEmulator.js';
export { type StoreUnderTest, type SuiteApi, stateStoreConformance } from './stateStoreConformance.js';
export { type CapturedLog, createTestContext, type TestContext } from './testContext.js';
