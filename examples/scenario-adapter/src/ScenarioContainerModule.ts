import { AdapterTokens, ContainerModule, InstanceTokens } from '@switchboard/core';
import { AgentDesktopLog } from './actions/AgentDesktopLog.js';
import { SimulatedDesktopExecutor } from './actions/SimulatedDesktopExecutor.js';
import { desktopActions } from './manifestActions.js';
import { ScenarioRuntime } from './ScenarioRuntime.js';

export const ScenarioTokens = { DesktopLog: Symbol.for('switchboard-adapter-scenario/DesktopLog') };

/** Bindings of one scenario instance: the player and one simulated executor per desktop action. */
export const scenarioContainerModule = new ContainerModule(({ bind }) => {
  bind(ScenarioTokens.DesktopLog).toConstantValue(new AgentDesktopLog());
  bind(AdapterTokens.Runtime).to(ScenarioRuntime);
  for (const action of Object.keys(desktopActions)) {
    bind(AdapterTokens.ActionExecutor).toDynamicValue(
      (ctx) =>
        new SimulatedDesktopExecutor(
          action,
          ctx.get(InstanceTokens.Logger),
          ctx.get<AgentDesktopLog>(ScenarioTokens.DesktopLog),
        ),
    );
  }
});
