import cors from '@fastify/cors';
import { describeError, type InstanceEvents, jsonTextTooDeep, type Logger } from '@switchboard/core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkKey } from './checkKey.js';
import type { CorsPolicy } from './corsPolicy.js';
import { classifyError, errorReply, tooDeepCode } from './httpErrors.js';
import type { ThirdPartyService } from './ThirdPartyService.js';

export interface ThirdPartyRoutesDeps {
  readonly service: ThirdPartyService;
  readonly cors: CorsPolicy;
  readonly events: InstanceEvents;
  readonly logger: Logger;
  readonly bodyLimit: number;
  /** The `secret` option: POSTs must carry it as `?key=`. */
  readonly secret: string | undefined;
}

/** The request's path without its query, for logs (the query holds the key). */
const pathOf = (url: string): string => url.split('?')[0] ?? '';

/**
 * The web service XucMgt calls (`THIRD_PARTY_URL` = the instance's prefix, plus `?key=<secret>` when a
 * secret is set): CORS preflight for the allowlisted agent-app origins, `POST` with the key and a JSON
 * body of limited size, JSON errors for bad input. Registered encapsulated, so the CORS policy, body
 * limit and error handler stay inside the instance.
 */
export function thirdPartyRoutes(deps: ThirdPartyRoutesDeps): FastifyPluginAsync {
  const { service, events, logger } = deps;
  return async (app) => {
    await app.register(cors, deps.cors.fastifyOptions());

    // The agent app POSTs `application/json` (XucMgt docs); anything else is 415, not parsed as text.
    // The text is checked for nesting before it is parsed: everything that later walks the body
    // (validation, the event's digest, the console) would overflow the stack on it.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: deps.bodyLimit },
      (request, body, done) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        if (jsonTextTooDeep(text)) {
          done(
            Object.assign(new Error('the request body nests too deep'), {
              code: tooDeepCode,
              statusCode: 400,
            }),
          );
          return;
        }
        parseJson(request, text, done);
      },
    );

    app.setErrorHandler((error, request, reply) => {
      const { status, reply: body } = classifyError(error);
      if (status >= 500)
        logger.error({ err: describeError(error), method: request.method }, 'web service failed');
      else events.reject(body.error, { status, method: request.method, url: pathOf(request.url) });
      void reply.code(status).type('application/json; charset=utf-8').send(body);
    });

    // CORS alone only stops the browser from reading the answer; refusing here also keeps the rules
    // (and their side effects) from running for pages that are not the agent app.
    const refuse = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const origin = request.headers.origin;
      events.reject('origin-not-allowed', { origin, method: request.method });
      await reply
        .code(403)
        .type('application/json; charset=utf-8')
        .send(errorReply('origin-not-allowed', `Origin ${String(origin)} is not in allowedOrigins`));
    };
    // The Origin check is no authentication (non-browser clients send any Origin, or none): the key is.
    const unauthorized = async (request: FastifyRequest, reply: FastifyReply, problem: string) => {
      events.reject('unauthorized', { problem, method: request.method, origin: request.headers.origin });
      await reply
        .code(401)
        .type('application/json; charset=utf-8')
        .send(
          errorReply('unauthorized', 'A valid key is required: THIRD_PARTY_URL must end in ?key=<secret>'),
        );
    };
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'POST') return;
      if (!deps.cors.allows(request.headers.origin)) return refuse(request, reply);
      const key = checkKey((request.query as Record<string, unknown> | undefined)?.key, deps.secret);
      if (!key.ok) return unauthorized(request, reply, key.problem);
    });
    // Reached only by preflights @fastify/cors did not answer, i.e. from origins not allowed.
    app.options('/', refuse);

    app.post('/', { bodyLimit: deps.bodyLimit }, async (request, reply) => {
      const result = await service.handle(request.body, request.id);
      return reply.code(result.status).type('application/json; charset=utf-8').send(result.body);
    });
  };
}
