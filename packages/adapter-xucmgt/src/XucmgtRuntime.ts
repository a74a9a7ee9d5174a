import { AdapterContext, type AdapterRuntime, inject, injectable } from '@switchboard/core';
import type { XucmgtContext } from './options.js';
import { XucmgtRoutes } from './transport/XucmgtRoutes.js';

/** One XucMgt instance: the daemon serves its web service and pane pages; the agent apps call in. */
@injectable()
export class XucmgtRuntime implements AdapterRuntime {
  constructor(
    @inject(AdapterContext) private readonly ctx: XucmgtContext,
    @inject(XucmgtRoutes) private readonly routes: XucmgtRoutes,
  ) {}

  async start(): Promise<void> {
    this.routes.mount();
    const { options, logger } = this.ctx;
    if (options.allowedOrigins.length === 0) {
      logger.warn('allowedOrigins is empty: browsers of the XucMgt agent app cannot call the web service');
    }
    if (options.secret === undefined) {
      logger.warn(
        'no `secret` set: anyone who can reach the daemon can call the web service and run the rules (the Origin check is no authentication), and repeated POSTs share an answer only when they carry the same user JWT; set `secret` and add ?key=<secret> to THIRD_PARTY_URL',
      );
    }
  }

  async stop(): Promise<void> {
    // Core closes the routes after this; answers still pending resolve by their deadline.
  }
}
