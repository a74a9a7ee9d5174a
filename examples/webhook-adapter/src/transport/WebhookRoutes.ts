import {
  AdapterContext,
  type HttpHost,
  inject,
  injectable,
  type JsonRouteSpec,
  type Refusal,
} from '@switchboard/core';
import type { WebhookErrorCode } from '../errors.js';
import { compileMapping } from '../mapping/compileMapping.js';
import type { WebhookContext } from '../options.js';
import { verifyBearer, verifyHmac } from './authenticate.js';
import { WebhookInbound } from './WebhookInbound.js';

/** The code a refusal's body carries, by the reason it is counted under (`switchboard_input_rejected_total{reason}`). */
const refusalCodes: ReadonlyMap<string, WebhookErrorCode> = new Map([
  ['unauthorized', 'WEBHOOK_UNAUTHORIZED'],
  ['invalid-json', 'WEBHOOK_INVALID_JSON'],
  ['too-deep', 'WEBHOOK_TOO_DEEP'],
  ['body-too-large', 'WEBHOOK_BODY_TOO_LARGE'],
  ['unsupported-media-type', 'WEBHOOK_UNSUPPORTED_MEDIA_TYPE'],
  ['bad-request', 'WEBHOOK_BAD_REQUEST'],
  ['stopping', 'WEBHOOK_STOPPING'],
  ['internal', 'WEBHOOK_INTERNAL'],
]);

/**
 * `POST /adapters/<instance>/events` on core's JSON route: a bearer token checked before the body is
 * read, or an HMAC over its exact bytes before they are parsed; `application/json` or
 * `application/<vendor>+json` only, `bodyLimit`, nesting and prototype poisoning checked by core. Every
 * refusal is counted and logged by core and answered `{ code, message }`.
 */
@injectable()
export class WebhookRoutes {
  readonly #http: HttpHost;

  constructor(
    @inject(AdapterContext) private readonly ctx: WebhookContext,
    @inject(WebhookInbound) private readonly inbound: WebhookInbound,
  ) {
    this.#http = ctx.http;
  }

  /** Compiles the mapping (a bad one fails the start, naming the part) and mounts the route. */
  mount(): void {
    const mapping = compileMapping(this.ctx.options.mapping);
    const { auth, bodyLimit } = this.ctx.options;
    const bearer = auth.bearer;
    const hmac = auth.hmac;
    // The schema asks for exactly one; a route without either would take anyone's events.
    if (bearer === undefined && hmac === undefined) throw new Error('`auth` needs `bearer` or `hmac`');
    const spec: JsonRouteSpec = {
      method: 'POST',
      path: '/events',
      bodyLimit,
      mediaTypes: 'json-and-vendor',
      ...(bearer !== undefined && {
        authorize: (request) =>
          verifyBearer(request.headers, bearer)
            ? undefined
            : unauthorized('missing or wrong bearer token', { 'www-authenticate': 'Bearer' }),
      }),
      ...(hmac !== undefined && {
        verify: (request, raw) =>
          verifyHmac(request.headers, raw, hmac)
            ? undefined
            : unauthorized(`missing or wrong signature in ${hmac.header}`),
      }),
      handle: (body, request) => this.inbound.handle(body, mapping, request),
      refusalBody: (refusal) => ({
        code: refusalCodes.get(refusal.reason) ?? 'WEBHOOK_BAD_REQUEST',
        message: refusal.message,
      }),
      describe: (url) => `POST ${url} (${bearer !== undefined ? 'bearer token' : 'HMAC signature'})`,
    };
    this.#http.jsonRoute(spec);
  }
}

function unauthorized(message: string, headers?: Readonly<Record<string, string>>): Refusal {
  // The message goes into the log line too: it names the check, never the token.
  return { reason: 'unauthorized', status: 401, message, detail: { message }, ...(headers && { headers }) };
}
