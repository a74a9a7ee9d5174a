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
 * A bridge that connects only to report a problem (an incompatible b+s library) is logged once and
 * makes the instance `failed` (not ready) while it is connected: its agent cannot work.
 */
@injectable()
export class BsConnectsRuntime implements AdapterRuntime {
  /** Socket id → the problem a bridge reported. */
  readonly #problems = new Map<string, string>();

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
      if (auth.problem !== undefined) {
        this.#problems.set(socket.id, auth.problem);
        this.logger.error(
          {
            problem: auth.problem,
            bridgeVersion: auth.bridgeVersion,
            address: socket.handshake.address,
            origin: socket.handshake.headers.origin,
          },
          `a b+s bridge cannot work: ${auth.problem}`,
        );
        socket.on('disconnect', () => {
          this.#problems.delete(socket.id);
          this.#report();
        });
        this.#report();
        return;
      }
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
    const [problem] = this.#problems.values();
    if (problem !== undefined) this.events.setState('failed', `a b+s bridge cannot work: ${problem}`);
    else this.events.setState('listening', `${this.hub.connected} bridge(s) connected`);
  }
}
