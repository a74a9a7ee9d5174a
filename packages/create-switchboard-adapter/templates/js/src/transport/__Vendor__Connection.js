import { __vendorCamel__Errors } from '../errors.js';
import { __Vendor__Session } from './__Vendor__Session.js';

/** The address for logs: no credentials, no query. */
function where(url) {
  const address = new URL(url);
  return `${address.protocol}//${address.host}${address.pathname}`;
}

/** The connection to the event stream, as core runs it: core owns the loop, backoff, state and logs. */
export class __Vendor__Connection {
  /** @type {import('@switchboard/core').RunningConnection<__Vendor__Session> | undefined} */
  #running;

  /**
   * @param {import('@switchboard/core').InstanceContext} ctx
   * @param {import('./__Vendor__Inbound.js').__Vendor__Inbound} inbound
   */
  constructor(ctx, inbound) {
    this.ctx = ctx;
    this.inbound = inbound;
  }

  /** Starts connecting in the background; returns at once (the server may be away for a while). */
  start() {
    const { url, token, connectTimeoutMs, reconnect } = this.ctx.options;
    this.#running = this.ctx.connections.run({
      target: `__vendor__ events at ${where(url)}`,
      backoff: reconnect,
      connect: (signal, attempt) => {
        let healthy = false;
        return __Vendor__Session.open({ url, token, timeoutMs: connectTimeoutMs }, signal, (frame) => {
          if (!healthy) {
            healthy = true;
            attempt.healthy();
          }
          this.inbound.handle(frame, attempt.events);
        });
      },
    });
  }

  /** Sends at once, or throws `__PREFIX___NOT_CONNECTED`: a late popup is worse than a failed action. */
  send(command) {
    const session = this.#running?.session;
    if (!session?.open)
      throw __vendorCamel__Errors.error(
        '__PREFIX___NOT_CONNECTED',
        `not connected to __Vendor__; ${command.command} not sent`,
      );
    session.send(command);
  }
}
