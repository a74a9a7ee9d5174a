import type { ActionSpec } from '../../plugin/AdapterManifest.js';
import { httpActionSpec } from './httpAction.js';
import { logActionSpec } from './logAction.js';
import { setActionSpec } from './setAction.js';

/** Actions core carries out for every adapter instance. */
export const coreActionSpecs: Readonly<Record<string, ActionSpec>> = {
  http: httpActionSpec,
  set: setActionSpec,
  log: logActionSpec,
};
