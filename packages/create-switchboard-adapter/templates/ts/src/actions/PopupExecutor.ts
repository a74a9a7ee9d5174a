import { type ActionExecutor, type ActionRequest, inject, injectable } from '@switchboard/core';
import type { __Vendor__Params } from '../actionSpecs.js';
import { __vendorCamel__Errors } from '../errors.js';
import { __Vendor__Connection } from '../transport/__Vendor__Connection.js';

/** `popup`: sends `{ command: 'popup', agent, url }`; the command sent is the action's result. */
@injectable()
export class PopupExecutor implements ActionExecutor<__Vendor__Params<'popup'>> {
  constructor(@inject(__Vendor__Connection) private readonly connection: __Vendor__Connection) {}

  execute(request: ActionRequest<__Vendor__Params<'popup'>>): {
    command: string;
    agent: string;
    url: string;
  } {
    const { url, agent } = request.params;
    if (!agent)
      throw __vendorCamel__Errors.error(
        '__PREFIX___NO_AGENT',
        'popup: the event has no agent and the rule set none',
      );
    const command = { command: 'popup', agent, url };
    this.connection.send(command);
    return command;
  }
}
