import { __vendorCamel__Errors } from '../errors.js';

/** `popup`: sends `{ command: 'popup', agent, url }`; the command sent is the action's result. */
export class PopupExecutor {
  /** @param {import('../transport/__Vendor__Connection.js').__Vendor__Connection} connection */
  constructor(connection) {
    this.connection = connection;
  }

  /** @param {import('@switchboard/core').ActionRequest<{ url: string, agent: string }>} request */
  execute(request) {
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
