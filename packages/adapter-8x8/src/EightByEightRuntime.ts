import {
  type AdapterRuntime,
  type Clock,
  CoreTokens,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type KeyValueStore,
  type Logger,
} from '@switchboard/core';
import type { EightByEightOptions } from './EightByEightOptions.js';
import { EightByEightTokens } from './EightByEightTokens.js';
import type { MaestroBridgeServer } from './maestro/MaestroBridgeServer.js';
import { SapiSubscriber } from './sapi/SapiSubscriber.js';

/**
 * One 8x8 instance: the SAPI subscription (when `sapi` is configured) and the Maestro bridge (when
 * `maestro` is). `start()` returns once the bridge is mounted and the first subscription attempt is
 * under way; the connection state follows SAPI, or is `listening` for a bridge-only instance.
 */
@injectable()
export class EightByEightRuntime implements AdapterRuntime {
  #sapi: SapiSubscriber | undefined;

  constructor(
    @inject(InstanceTokens.Name) private readonly instance: string,
    @inject(InstanceTokens.Options) private readonly options: EightByEightOptions,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
    @inject(InstanceTokens.State) private readonly state: KeyValueStore,
    @inject(CoreTokens.Clock) private readonly clock: Clock,
    @inject(EightByEightTokens.MaestroBridge) private readonly bridge: MaestroBridgeServer,
  ) {}

  async start(): Promise<void> {
    await this.bridge.start();
    const sapi = this.options.sapi;
    if (!sapi) {
      this.events.setState('listening', 'Maestro bridge');
      return;
    }
    this.#sapi = new SapiSubscriber({
      instance: this.instance,
      options: sapi,
      events: this.events,
      logger: this.logger,
      state: this.state,
      clock: this.clock,
    });
    await this.#sapi.start();
  }

  async stop(): Promise<void> {
    await this.#sapi?.stop();
    this.bridge.stop();
  }
}
