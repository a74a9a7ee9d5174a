import { afterEach, describe, it } from 'vitest';
import { stateStoreConformance } from '../src/public/stateStoreConformance.js';
import { ManualClock } from '../src/runtime/Clock.js';
import { MemoryStateStore } from '../src/state/MemoryStateBackend.js';

stateStoreConformance({ describe, it, afterEach }, 'memory', async () => {
  const clock = new ManualClock();
  return { store: new MemoryStateStore(clock), clock, close: async () => undefined };
});
