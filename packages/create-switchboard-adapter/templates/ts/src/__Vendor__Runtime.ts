import { AdapterContext, type AdapterRuntime, inject, injectable } from '@switchboard/core';
import type { __Vendor__Context } from './options.js';
import { __Vendor__Connection } from './transport/__Vendor__Connection.js';

/** One instance: start connecting in the background (core reconnects, and closes it after `stop`). */
@injectable()
export class __Vendor__Runtime implements AdapterRuntime {
  constructor(
    @inject(AdapterContext) private readonly ctx: __Vendor__Context,
    @inject(__Vendor__Connection) private readonly connection: __Vendor__Connection,
  ) {}

  async start(): Promise<void> {
    this.ctx.logger.debug('starting');
    this.connection.start();
  }

  async stop(): Promise<void> {
    // The connection is core's: it closes it after this.
  }
}
