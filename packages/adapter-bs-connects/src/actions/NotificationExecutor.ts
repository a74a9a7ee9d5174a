import {
  type ActionContext,
  type ActionExecutor,
  type ActionRequest,
  inject,
  injectable,
} from '@switchboard/core';
import type { BsConnectsParams } from '../actionSpecs.js';
import { bsConnectsErrors } from '../errors.js';
import { BridgeRequester } from '../transport/BridgeRequester.js';
import { bridgeRequestOptions } from './bridgeRequestOptions.js';
import { targetAgent } from './targetAgent.js';

type Params = BsConnectsParams<'notification'>;

/** b+s `showInfo` shows at most this many characters. */
export const showInfoLimit = 60;

/**
 * `notification` → `showInfo` (`info`, `success`: a toast of at most 60 characters, `title: body`) or
 * `showError` (`warning`, `error`: description and title, no length limit).
 */
@injectable()
export class NotificationExecutor implements ActionExecutor<Params> {
  constructor(@inject(BridgeRequester) private readonly requester: BridgeRequester) {}

  execute(request: ActionRequest<Params>, context: ActionContext): Promise<unknown> {
    const { type, title, body } = request.params;
    const agent = targetAgent(request);
    if (type === 'warning' || type === 'error') {
      const args = title ? [body, title] : [body];
      return this.requester.request(agent, 'showError', args, bridgeRequestOptions(request, context, true));
    }
    const text = title ? `${title}: ${body}` : body;
    if (text.length > showInfoLimit) {
      throw bsConnectsErrors.error(
        'BS_SHOWINFO_TOO_LONG',
        `b+s showInfo shows at most ${showInfoLimit} characters; this ${type ?? 'info'} notification has ${text.length} ("${text.slice(0, 30)}…"). Shorten title/body, or use type: error (showError has no limit)`,
      );
    }
    return this.requester.request(agent, 'showInfo', [text], bridgeRequestOptions(request, context, true));
  }
}
