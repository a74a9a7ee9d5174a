import { type AdapterRuntime, InstanceTokens, inject, injectable } from '@switchboard/core';
import { connectionSettings, readCaFile } from './transport/connectionSettings.js';
import { XcallyConnection } from './transport/XcallyConnection.js';
import { XcallyInbound } from './XcallyInbound.js';
import type { XcallyOptions } from './XcallyOptions.js';

/** One xCALLY instance: read the CA, then connect in the background and feed messages to the mapping. */
@injectable()
export class XcallyRuntime implements AdapterRuntime {
  constructor(
    @inject(InstanceTokens.Options) private readonly options: XcallyOptions,
    @inject(InstanceTokens.ConfigDir) private readonly configDir: string,
    @inject(XcallyConnection) private readonly connection: XcallyConnection,
    @inject(XcallyInbound) private readonly inbound: XcallyInbound,
  ) {}

  async start(): Promise<void> {
    const ca = await readCaFile(this.configDir, this.options.tls.ca);
    this.connection.start(connectionSettings(this.options, ca), (name, args) =>
      this.inbound.handle(name, args),
    );
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}
