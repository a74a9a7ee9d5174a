import type { ActionSpec } from '../../plugin/AdapterManifest.js';
import { httpActionSpec } from './httpAction.js';
import { httpParamsWarnings } from './httpParamsWarnings.js';
import { logActionSpec } from './logAction.js';
import type { ParamsWarnings } from './ParamsWarning.js';
import { setActionSpec } from './setAction.js';

/** Actions core carries out for every adapter instance. */
export const coreActionSpecs: Readonly<Record<string, ActionSpec>> = {
  http: httpActionSpec,
  set: setActionSpec,
  log: logActionSpec,
};

/** Load-time advice for core's own actions, by spec: valid params that would not do what they seem to. */
export const coreParamsWarnings: ReadonlyMap<ActionSpec, ParamsWarnings> = new Map([
  [httpActionSpec, httpParamsWarnings],
]);
