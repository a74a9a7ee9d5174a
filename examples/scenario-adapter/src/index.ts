import { scenarioAdapter } from './manifest.js';

export { AgentDesktopLog, type DesktopEntry } from './actions/AgentDesktopLog.js';
export { ScenarioTokens } from './ScenarioContainerModule.js';
export { loadScenario } from './scenario/loadScenario.js';
export type { Scenario, ScenarioCall, ScenarioStep } from './scenario/Scenario.js';
export { scenarioAdapter };
export default scenarioAdapter;
