import { AdapterContext, type AdapterRuntime, inject, injectable } from '@switchboard/core';
import type { EightByEightContext } from './options.js';
import { MaestroBridge } from './transport/maestro/MaestroBridge.js';
import { SapiConnection } from './transport/sapi/SapiConnection.js';

/**
 * One 8x8 instance: the SAPI subscription (when `sapi` is configured) and the Maestro bridge (when
 * `maestro` is). `start()` returns once the bridge is mounted and the subscription is under way in the
 * background; the state follows SAPI, or the bridges of a bridge-only instance.
 */
@injectable()
export class EightByEightRuntime implements AdapterRuntime {
  constructor(
    @inject(AdapterContext) private readonly ctx: EightByEightContext,
    @inject(MaestroBridge) private readonly bridge: MaestroBridge,
    @inject(SapiConnection) private readonly sapi: SapiConnection,
  ) {}

  async start(): Promise<void> {
    await this.bridge.start();
    const sapi = this.ctx.options.sapi;
    if (sapi) await this.sapi.start(sapi);
    // Core shows a bridge-only instance's bridges once one connects; until then it is listening.
    else this.ctx.events.setState('listening', 'Maestro bridge');
  }

  async stop(): Promise<void> {
    // Core closes the subscription and the bridges after this; the marks are written as it does, and now.
    await this.sapi.flush();
  }
}
