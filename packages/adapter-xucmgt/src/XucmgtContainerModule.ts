import { AdapterTokens, type Clock, ContainerModule, CoreTokens, InstanceTokens } from '@switchboard/core';
import { ThirdPartyOpenExecutor } from './actions/ThirdPartyOpenExecutor.js';
import { PaneStore } from './pane/PaneStore.js';
import { UserTokenVault } from './secrets/UserTokenVault.js';
import { ThirdPartyService } from './transport/ThirdPartyService.js';
import type { XucmgtOptions } from './XucmgtOptions.js';
import { XucmgtRuntime } from './XucmgtRuntime.js';
import { XucmgtTokens } from './XucmgtTokens.js';

/** Bindings of one XucMgt instance: the web service, the pane store, the token vault, `thirdPartyOpen`. */
export const xucmgtContainerModule = new ContainerModule(({ bind }) => {
  bind(XucmgtTokens.TokenVault).toConstantValue(new UserTokenVault());
  bind(XucmgtTokens.Panes).toDynamicValue((ctx) => {
    const options = ctx.get(InstanceTokens.Options) as unknown as XucmgtOptions;
    return new PaneStore(ctx.get<Clock>(CoreTokens.Clock), options.paneTtl * 1000);
  });
  bind(ThirdPartyService).toSelf();
  bind(AdapterTokens.Runtime).to(XucmgtRuntime);
  bind(AdapterTokens.ActionExecutor).to(ThirdPartyOpenExecutor);
});
