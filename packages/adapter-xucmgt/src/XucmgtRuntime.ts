import {
  type AdapterRuntime,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
  type RouteHost,
} from '@switchboard/core';
import { PaneStore } from './pane/PaneStore.js';
import { paneRoutes } from './pane/paneRoutes.js';
import { CorsPolicy } from './transport/corsPolicy.js';
import { ThirdPartyService } from './transport/ThirdPartyService.js';
import { thirdPartyRoutes } from './transport/thirdPartyRoutes.js';
import type { XucmgtOptions } from './XucmgtOptions.js';
import { XucmgtTokens } from './XucmgtTokens.js';

/** Mounts the web service and the pane pages on the daemon's HTTP surface; the agent apps call in. */
@injectable()
export class XucmgtRuntime implements AdapterRuntime {
  constructor(
    @inject(InstanceTokens.Options) private readonly options: XucmgtOptions,
    @inject(InstanceTokens.Routes) private readonly routes: RouteHost,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
    @inject(ThirdPartyService) private readonly service: ThirdPartyService,
    @inject(XucmgtTokens.Panes) private readonly panes: PaneStore,
  ) {}

  async start(): Promise<void> {
    const cors = new CorsPolicy(this.options);
    const { events, logger } = this;
    const routes = this.routes;
    this.routes.register(async (app) => {
      await app.register(
        thirdPartyRoutes({
          service: this.service,
          cors,
          events,
          logger,
          bodyLimit: this.options.bodyLimit,
          secret: this.options.secret,
        }),
      );
      await app.register(paneRoutes(this.panes, cors));
      // The surface learns its bound address just after the server listens, hence the next turn.
      app.addHook('onListen', async () => {
        setImmediate(() => {
          // Never the secret itself: the admin has it in the config already.
          const url = `${routes.url()}${this.options.secret === undefined ? '' : '?key=<secret>'}`;
          events.setState('listening', `THIRD_PARTY_URL=${url}`);
          logger.info({ thirdPartyUrl: url }, `XucMgt web service ready: set THIRD_PARTY_URL=${url}`);
        });
      });
    });
    if (this.options.allowedOrigins.length === 0) {
      logger.warn('allowedOrigins is empty: browsers of the XucMgt agent app cannot call the web service');
    }
    if (this.options.secret === undefined) {
      logger.warn(
        'no `secret` set: anyone who can reach the daemon can call the web service and run the rules (the Origin check is no authentication), and repeated POSTs share an answer only when they carry the same user JWT; set `secret` and add ?key=<secret> to THIRD_PARTY_URL',
      );
    }
  }

  async stop(): Promise<void> {
    // The HTTP surface closes with the daemon; answers still pending resolve by their deadline.
  }
}
