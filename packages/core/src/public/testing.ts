/**
 * @switchboard/core/testing: what adapter authors and rule tests use: a recorder that stands in for an
 * adapter's actions, and a clock that only moves when told.
 */
export { ManualClock } from '../runtime/Clock.js';
export { type RecordedAction, RecordingExecutor, recordersFor } from './RecordingExecutor.js';
