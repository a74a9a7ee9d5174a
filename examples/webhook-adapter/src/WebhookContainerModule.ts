import { AdapterTokens, ContainerModule } from '@switchboard/core';
import { WebhookRuntime } from './WebhookRuntime.js';

/** Bindings of one webhook instance: only the runtime; the adapter carries out no actions of its own. */
export const webhookContainerModule = new ContainerModule(({ bind }) => {
  bind(AdapterTokens.Runtime).to(WebhookRuntime);
});
