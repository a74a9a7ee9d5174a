import { type ActionExecutor, type ActionRequest, inject, injectable } from '@switchboard/core';
import { BsConnectsTokens } from '../BsConnectsTokens.js';
import type { BridgeRequester } from '../transport/BridgeRequester.js';
import { targetAgent } from './targetAgent.js';

/** `createSession` → `cil.createSession(templateName, templateParameters)` in the agent's browser. */
@injectable()
export class CreateSessionExecutor implements ActionExecutor {
  readonly action = 'createSession';

  constructor(@inject(BsConnectsTokens.Requester) private readonly requester: BridgeRequester) {}

  execute(request: ActionRequest): Promise<unknown> {
    const { template, parameters } = request.params as { template: string; parameters?: object };
    return this.requester.request(targetAgent(request), 'createSession', [template, parameters ?? {}]);
  }
}
