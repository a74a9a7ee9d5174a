import { AdapterTokens, ContainerModule } from '@switchboard/core';
import { DialExecutor } from './actions/DialExecutor.js';
import { EightByEightRuntime } from './EightByEightRuntime.js';
import { EightByEightTokens } from './EightByEightTokens.js';
import { MaestroBridgeServer } from './maestro/MaestroBridgeServer.js';

/** Bindings of one 8x8 instance: its runtime, its Maestro bridge, and the `dial` executor. */
export const eightByEightContainerModule = new ContainerModule(({ bind }) => {
  bind(EightByEightTokens.MaestroBridge).to(MaestroBridgeServer);
  bind(AdapterTokens.Runtime).to(EightByEightRuntime);
  bind(AdapterTokens.ActionExecutor).to(DialExecutor);
});
