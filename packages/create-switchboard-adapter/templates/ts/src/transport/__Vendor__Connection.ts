import { AdapterContext, inject, injectable, type RunningConnection } from '@switchboard/core';
import { __vendorCamel__Errors } from '../errors.js';
import type { __Vendor__Context } from '../options.js';
import { __Vendor__Inbound } from './__Vendor__Inbound.js';
import { __Vendor__Session } from './__Vendor__Session.js';

/** The address for logs: no credentials, no query. */
function where(url: string): string {
  const address = new URL(url);
  return `${address.protocol}//${address.host}${address.pathname}`;
}

/** The connection to the event stream, as core runs it: core owns the loop, backoff, state and logs. */
@injectable()
export class __Vendor__Connection {
  #running: RunningConnection<__Vendor__Session> | undefined;

  constructor(
    @inject(AdapterContext) private readonly ctx: __Vendor__Context,
    @inject(__Vendor__Inbound) private readonly inbound: __Vendor__Inbound,
  ) {}

  /** Starts connecting in the background; returns at once (the server may be away for a while). */
  start(): void {
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
  send(command: Readonly<{ command: string } & Record<string, unknown>>): void {
    const session = this.#running?.session;
    if (!session?.open)
      throw __vendorCamel__Errors.error(
        '__PREFIX___NOT_CONNECTED',
        `not connected to __Vendor__; ${command.command} not sent`,
      );
    session.send(command);
  }
}
