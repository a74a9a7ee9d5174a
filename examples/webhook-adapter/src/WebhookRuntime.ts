import type { Logger } from '@switchboard/core';
import {
  type AdapterRuntime,
  type Clock,
  CoreTokens,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type RouteHost,
} from '@switchboard/core';
import { eventsRoute } from './http/eventsRoute.js';
import { compileMapping } from './mapping/compileMapping.js';
import type { WebhookOptions } from './options/WebhookOptions.js';

/** One webhook instance: mounts `POST /adapters/<instance>/events` and turns what arrives into events. */
@injectable()
export class WebhookRuntime implements AdapterRuntime {
  #stopped = false;

  constructor(
    @inject(InstanceTokens.Name) private readonly name: string,
    @inject(InstanceTokens.Options) private readonly options: WebhookOptions,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Routes) private readonly routes: RouteHost,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
    @inject(CoreTokens.Clock) private readonly clock: Clock,
  ) {}

  async start(): Promise<void> {
    const mapping = compileMapping(this.options.mapping);
    this.routes.register(
      eventsRoute({
        name: this.name,
        options: this.options,
        mapping,
        events: this.events,
        logger: this.logger,
        clock: this.clock,
        stopped: () => this.#stopped,
      }),
    );
    const auth = 'bearer' in this.options.auth ? 'bearer token' : 'HMAC signature';
    this.events.setState('listening', `POST ${this.routes.prefix}/events (${auth})`);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
  }
}
