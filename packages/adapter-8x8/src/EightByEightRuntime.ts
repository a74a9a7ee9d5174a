import { AdapterContext, type AdapterRuntime, inject, injectable } from '@switchboard/core';
import type { EightByEightContext } from './options.js';
import { EventStreamConnection } from './transport/eventStream/EventStreamConnection.js';
import { MaestroBridge } from './transport/maestro/MaestroBridge.js';
import { SapiConnection } from './transport/sapi/SapiConnection.js';

/**
 * One 8x8 instance: its event source, the SAPI subscription (`sapi`) or the Event Streaming reader
 * (`eventStream`), and the Maestro bridge (when `maestro` is configured). `start()` returns once the
 * bridge is mounted and the source is under way in the background; the state follows the source, or the
 * bridges of a bridge-only instance.
 */
@injectable()
export class EightByEightRuntime implements AdapterRuntime {
  constructor(
    @inject(AdapterContext) private readonly ctx: EightByEightContext,
    @inject(MaestroBridge) private readonly bridge: MaestroBridge,
    @inject(SapiConnection) private readonly sapi: SapiConnection,
    @inject(EventStreamConnection) private readonly eventStream: EventStreamConnection,
  ) {}

  async start(): Promise<void> {
    await this.bridge.start();
    const { sapi, eventStream } = this.ctx.options;
    if (sapi) await this.sapi.start(sapi);
    else if (eventStream) await this.eventStream.start(eventStream);
    // Core shows a bridge-only instance's bridges once one connects; until then it is listening.
    else this.ctx.events.setState('listening', 'Maestro bridge');
  }

  async stop(): Promise<void> {
    // Core closes the subscription and the bridges after this; the marks are written as it does, and now.
    await this.sapi.flush();
  }
}
