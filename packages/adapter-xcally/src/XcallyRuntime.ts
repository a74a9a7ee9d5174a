import { AdapterContext, type AdapterRuntime, inject, injectable } from '@switchboard/core';
import type { XcallyContext } from './options.js';
import { connectionSettings, readCaFile } from './transport/connectionSettings.js';
import { XcallyConnection } from './transport/XcallyConnection.js';

/** One xCALLY instance: read the CA, then connect in the background (core reconnects and closes it). */
@injectable()
export class XcallyRuntime implements AdapterRuntime {
  constructor(
    @inject(AdapterContext) private readonly ctx: XcallyContext,
    @inject(XcallyConnection) private readonly connection: XcallyConnection,
  ) {}

  async start(): Promise<void> {
    const ca = await readCaFile(this.ctx.configDir, this.ctx.options.tls.ca);
    this.connection.start(connectionSettings(this.ctx.options, ca));
  }

  async stop(): Promise<void> {
    // The connection is core's: it closes it after this.
  }
}
