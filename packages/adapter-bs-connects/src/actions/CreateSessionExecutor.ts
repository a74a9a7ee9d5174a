import {
  type ActionContext,
  type ActionExecutor,
  type ActionRequest,
  inject,
  injectable,
} from '@switchboard/core';
import type { BsConnectsParams } from '../actionSpecs.js';
import { BridgeRequester } from '../transport/BridgeRequester.js';
import { bridgeRequestOptions } from './bridgeRequestOptions.js';
import { targetAgent } from './targetAgent.js';

type Params = BsConnectsParams<'createSession'>;

/**
 * `createSession` → `cil.createSession(templateName, templateParameters)` in the agent's browser, with the
 * action's key: sent again after a restart, the bridge answers with the first session instead of a second.
 */
@injectable()
export class CreateSessionExecutor implements ActionExecutor<Params> {
  constructor(@inject(BridgeRequester) private readonly requester: BridgeRequester) {}

  execute(request: ActionRequest<Params>, context: ActionContext): Promise<unknown> {
    const { template, parameters } = request.params;
    return this.requester.request(
      targetAgent(request),
      'createSession',
      [template, parameters ?? {}],
      bridgeRequestOptions(request, context, true),
    );
  }
}
