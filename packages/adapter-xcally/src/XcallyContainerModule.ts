import { AdapterTokens, type Clock, ContainerModule, CoreTokens } from '@switchboard/core';
import { XcallyCommandExecutor } from './actions/XcallyCommandExecutor.js';
import { type XcallyAction, xcallyActions } from './manifestActions.js';
import { XcallyConnection } from './transport/XcallyConnection.js';
import { XcallyInbound } from './XcallyInbound.js';
import { XcallyRuntime } from './XcallyRuntime.js';

/** Bindings of one xCALLY instance: its connection, inbound mapping, runtime and one executor per action. */
export const xcallyContainerModule = new ContainerModule(({ bind }) => {
  bind(XcallyConnection).toSelf();
  bind(XcallyInbound).toSelf();
  bind(AdapterTokens.Runtime).to(XcallyRuntime);
  for (const action of Object.keys(xcallyActions) as XcallyAction[]) {
    bind(AdapterTokens.ActionExecutor).toDynamicValue(
      (ctx) => new XcallyCommandExecutor(action, ctx.get(XcallyConnection), ctx.get<Clock>(CoreTokens.Clock)),
    );
  }
});
