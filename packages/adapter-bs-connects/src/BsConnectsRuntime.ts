import {
  type AdapterRuntime,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
} from '@switchboard/core';
import type { BsConnectsOptions } from './BsConnectsOptions.js';
import { BsConnectsTokens } from './BsConnectsTokens.js';
import type { BridgeHub } from './transport/BridgeHub.js';
import { BridgeSession } from './transport/BridgeSession.js';
import type { DialDecisions } from './transport/DialDecisions.js';

/**
 * One b+s Connects instance: opens the bridge namespace and turns every connected bridge into a
 * session. The instance is `listening` from the start; the detail tells how many bridges are connected.
 */
@injectable()
export class BsConnectsRuntime implements AdapterRuntime {
  constructor(
    @inject(InstanceTokens.Name) private readonly instance: string,
    @inject(InstanceTokens.Options) private readonly options: BsConnectsOptions,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
    @inject(BsConnectsTokens.Hub) private readonly hub: BridgeHub,
    @inject(BsConnectsTokens.DialDecisions) private readonly dials: DialDecisions,
  ) {}

  async start(): Promise<void> {
    const deps = {
      instance: this.instance,
      options: this.options,
      events: this.events,
      logger: this.logger,
      dials: this.dials,
    };
    this.hub.open((socket, auth) => {
      new BridgeSession(socket, auth, deps).attach();
      this.#report();
      socket.on('disconnect', () => this.#report());
    });
    this.#report();
  }

  async stop(): Promise<void> {
    this.hub.close();
  }

  #report(): void {
    this.events.setState('listening', `${this.hub.connected} bridge(s) connected`);
  }
}
