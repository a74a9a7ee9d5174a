import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../src/config/loadConfig.js';

const dir = mkdtempSync(join(tmpdir(), 'swb-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'switchboard.yaml');
writeFileSync(file, 'allowNoRules: true\nstate: { dir: from-config }\n');

test('SWITCHBOARD_STATE_DIR overrides state.dir (resolved from the working directory); unset, the config says', async () => {
  expect((await loadConfig(file, {})).config?.state.dir).toBe('from-config');
  expect((await loadConfig(file, { SWITCHBOARD_STATE_DIR: '/var/lib/swb-2' })).config?.state.dir).toBe(
    '/var/lib/swb-2',
  );
  expect((await loadConfig(file, { SWITCHBOARD_STATE_DIR: 'rel' })).config?.state.dir).toBe(resolve('rel'));
});
