import type { ActionSpec, ActionSpecs } from '../../contract/ActionSpec.js';
import { httpActionSpec } from './httpAction.js';
import { httpParamsWarnings } from './httpParamsWarnings.js';
import { logActionSpec } from './logAction.js';
import type { ParamsWarnings } from './ParamsWarning.js';
import { setActionSpec } from './setAction.js';

/**
 * Actions core carries out for every adapter instance, typed `as const` so an adapter that carries out
 * one of them itself can extend its spec (`{ ...coreActionSpecs.log.params.properties, agent }`).
 */
export const coreActionSpecs = {
  http: httpActionSpec,
  set: setActionSpec,
  log: logActionSpec,
} as const satisfies ActionSpecs;

/** Load-time advice for core's own actions, by spec: valid params that would not do what they seem to. */
export const coreParamsWarnings: ReadonlyMap<ActionSpec, ParamsWarnings> = new Map([
  [httpActionSpec, httpParamsWarnings],
]);
