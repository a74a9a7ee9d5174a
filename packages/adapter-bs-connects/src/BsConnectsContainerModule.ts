import { AdapterTokens, ContainerModule } from '@switchboard/core';
import { CreateSessionExecutor } from './actions/CreateSessionExecutor.js';
import { DialExecutor } from './actions/DialExecutor.js';
import { NotificationExecutor } from './actions/NotificationExecutor.js';
import { SetAgentStateExecutor } from './actions/SetAgentStateExecutor.js';
import { WriteLogExecutor } from './actions/WriteLogExecutor.js';
import { BsConnectsRuntime } from './BsConnectsRuntime.js';
import { BsConnectsTokens } from './BsConnectsTokens.js';
import { BridgeHub } from './transport/BridgeHub.js';
import { BridgeRequester } from './transport/BridgeRequester.js';
import { DialDecisions } from './transport/DialDecisions.js';

/** Bindings of one b+s Connects instance: the bridge hub, the runtime, one executor per action. */
export const bsConnectsContainerModule = new ContainerModule(({ bind }) => {
  bind(BsConnectsTokens.Hub).to(BridgeHub).inSingletonScope();
  bind(BsConnectsTokens.Requester).to(BridgeRequester).inSingletonScope();
  bind(BsConnectsTokens.DialDecisions).to(DialDecisions).inSingletonScope();
  bind(AdapterTokens.Runtime).to(BsConnectsRuntime).inSingletonScope();
  for (const executor of [
    CreateSessionExecutor,
    SetAgentStateExecutor,
    DialExecutor,
    NotificationExecutor,
    WriteLogExecutor,
  ]) {
    bind(AdapterTokens.ActionExecutor).to(executor).inSingletonScope();
  }
});
