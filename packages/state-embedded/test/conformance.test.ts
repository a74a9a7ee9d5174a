import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, stateStoreConformance } from '@switchboard/core/testing';
import { afterEach, describe, it } from 'vitest';
import { EmbeddedStateBackend } from '../src/index.js';

stateStoreConformance({ describe, it, afterEach }, 'embedded (LMDB)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'swb-state-'));
  const clock = new ManualClock();
  const backend = new EmbeddedStateBackend({ dir, clock });
  await backend.open();
  return {
    store: backend.namespace('conformance'),
    clock,
    close: async () => {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
