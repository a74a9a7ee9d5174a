import {
  AdapterContext,
  type HttpHost,
  inject,
  injectable,
  type JsonRouteSpec,
  OriginPolicy,
  type Refusal,
} from '@switchboard/core';
import { xucmgtAnswerSchema } from '../mapping/xucmgtAnswer.js';
import type { XucmgtContext } from '../options.js';
import { PanePages } from '../pane/PanePages.js';
import { checkKey } from './checkKey.js';
import { XucmgtInbound } from './XucmgtInbound.js';

/**
 * The web service XucMgt calls (`THIRD_PARTY_URL` = the instance's prefix, plus `?key=<secret>` when a
 * secret is set) and the built-in pane pages. Core's JSON route does the rest: CORS with preflights for
 * the allowlisted agent-app origins (403 for others, before any rule runs), `application/json` only
 * (415), `bodyLimit` (413), depth before parsing (400 `too-deep`), JSON errors `{error, message}` with
 * CORS headers so the agent app can read them, each refusal counted and logged without the query.
 */
@injectable()
export class XucmgtRoutes {
  readonly #http: HttpHost;

  constructor(
    @inject(AdapterContext) private readonly ctx: XucmgtContext,
    @inject(XucmgtInbound) private readonly inbound: XucmgtInbound,
    @inject(PanePages) private readonly panes: PanePages,
  ) {
    this.#http = ctx.http;
  }

  /** Mounts both; an `allowedOrigins` entry that is no origin fails the start, naming it. */
  mount(): void {
    const origins = OriginPolicy.from(this.ctx.options.allowedOrigins, 'allowedOrigins');
    this.#http.jsonRoute(this.#webService(origins));
    this.panes.mount(origins);
  }

  #webService(origins: OriginPolicy): JsonRouteSpec {
    const { options, logger } = this.ctx;
    return {
      method: 'POST',
      path: '/',
      bodyLimit: options.bodyLimit,
      cors: { origins, allowedHeaders: options.allowedHeaders, credentials: options.allowCredentials },
      // The Origin check is no authentication (non-browser clients send any Origin, or none): the key is.
      authorize: (request) => {
        const key = checkKey(request.query.key, options.secret);
        return key.ok ? undefined : unauthorized(key.problem);
      },
      handle: (body, request) => this.inbound.handle(body, request.id),
      answerSchema: xucmgtAnswerSchema,
      describe: (url) => {
        // Never the secret itself: the admin has it in the config already.
        const thirdPartyUrl = `${url}${options.secret === undefined ? '' : '?key=<secret>'}`;
        logger.info({ thirdPartyUrl }, `XucMgt web service ready: set THIRD_PARTY_URL=${thirdPartyUrl}`);
        return `THIRD_PARTY_URL=${thirdPartyUrl}`;
      },
    };
  }
}

function unauthorized(problem: string): Refusal {
  return {
    reason: 'unauthorized',
    status: 401,
    message: 'A valid key is required: THIRD_PARTY_URL must end in ?key=<secret>',
    detail: { problem },
  };
}
