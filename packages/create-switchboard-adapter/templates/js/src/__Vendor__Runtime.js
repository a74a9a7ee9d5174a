import { AdapterContext, inject, injectable } from '@switchboard/core';
import { __Vendor__Connection } from './transport/__Vendor__Connection.js';

/** One instance: start connecting in the background (core reconnects, and closes it after `stop`). */
export class __Vendor__Runtime {
  /**
   * @param {import('@switchboard/core').InstanceContext} ctx
   * @param {__Vendor__Connection} connection
   */
  constructor(ctx, connection) {
    this.ctx = ctx;
    this.connection = connection;
  }

  async start() {
    this.ctx.logger.debug('starting');
    this.connection.start();
  }

  async stop() {
    // The connection is core's: it closes it after this.
  }
}

// Core builds the runtime from this class. Plain JavaScript has no decorators, so the calls that
// `@injectable()` and `@inject(…)` make in TypeScript are made by hand: argument i gets the service named.
injectable()(__Vendor__Runtime);
inject(AdapterContext)(__Vendor__Runtime, undefined, 0);
inject(__Vendor__Connection)(__Vendor__Runtime, undefined, 1);
