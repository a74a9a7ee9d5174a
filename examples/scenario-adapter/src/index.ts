import { scenarioAdapter } from './manifest.js';

export { type ScenarioAction, type ScenarioParams, scenarioActions } from './actionSpecs.js';
export { AgentDesktopLog, type DesktopEntry } from './actions/AgentDesktopLog.js';
export { type ScenarioErrorCode, scenarioErrors } from './errors.js';
export { callEvents } from './mapping/callEvents.js';
export { mapVendorEvent } from './mapping/mapVendorEvent.js';
export { type ScenarioContext, type ScenarioOptions, scenarioOptionsSchema } from './options.js';
export { loadScenario } from './scenario/loadScenario.js';
export type { Scenario, ScenarioCall, ScenarioStep } from './scenario/Scenario.js';
export { scenarioAdapter };
export default scenarioAdapter;
