import { type ActionExecutor, type ActionRequest, inject, injectable } from '@switchboard/core';
import type { BsConnectsParams } from '../actionSpecs.js';
import { BridgeRequester } from '../transport/BridgeRequester.js';
import { targetAgent } from './targetAgent.js';

type Params = BsConnectsParams<'createSession'>;

/** `createSession` → `cil.createSession(templateName, templateParameters)` in the agent's browser. */
@injectable()
export class CreateSessionExecutor implements ActionExecutor<Params> {
  constructor(@inject(BridgeRequester) private readonly requester: BridgeRequester) {}

  execute(request: ActionRequest<Params>): Promise<unknown> {
    const { template, parameters } = request.params;
    return this.requester.request(targetAgent(request), 'createSession', [template, parameters ?? {}]);
  }
}
