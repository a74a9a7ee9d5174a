import cors from '@fastify/cors';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Logger } from 'pino';
import secureJsonParse from 'secure-json-parse';
import type { AdapterEvents } from '../contract/AdapterEvents.js';
import type { JsonRequest, JsonRouteSpec, Refusal } from '../contract/HttpHost.js';
import { describeError } from '../errors/index.js';
import { defaultMaxJsonDepth, jsonTextTooDeep } from '../util/jsonDepth.js';
import { refusalOfFastifyError, refusals } from './refusals.js';

export interface JsonRouteDeps {
  readonly events: AdapterEvents;
  readonly logger: Logger;
  /** The instance is stopping: requests get 503 and are not counted as rejected input. */
  readonly stopping: () => boolean;
}

/** `application/json`, and with `json-and-vendor` also `application/<vendor>+json`, with parameters. */
const jsonOnly = /^application\/json\s*(;.*)?$/i;
const jsonAndVendor = /^application\/([a-z0-9.+-]+\+)?json\s*(;.*)?$/i;

const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};

function jsonRequest(request: FastifyRequest): JsonRequest {
  const origin = request.headers.origin;
  return {
    id: request.id,
    ip: request.ip,
    method: request.method,
    path: pathOf(request.url),
    ...(typeof origin === 'string' ? { origin } : {}),
    headers: request.headers,
    query: (request.query ?? {}) as Record<string, unknown>,
  };
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | undefined)?.then === 'function';

/**
 * A JSON endpoint as an encapsulated fastify plugin: one body parser (raw bytes, the size limit), CORS
 * and the Origin check from an `OriginPolicy`, `authorize` before the body is read, `verify` over the
 * raw bytes, the depth check before parsing, prototype-poisoning-safe parsing, then `handle`. Every
 * refusal is counted (`events.reject`, so `switchboard_input_rejected_total{reason}`) and logged; a
 * failure of the route itself is a 500, logged as an error and not counted as bad input.
 */
export function jsonRoutePlugin(spec: JsonRouteSpec, deps: JsonRouteDeps): FastifyPluginAsync {
  const maxDepth = spec.maxDepth ?? defaultMaxJsonDepth;
  const bodyOf = (refusal: Refusal): unknown =>
    spec.refusalBody ? spec.refusalBody(refusal) : { error: refusal.reason, message: refusal.message };
  const refuse = (request: FastifyRequest, reply: FastifyReply, refusal: Refusal): FastifyReply => {
    if (refusal.reason !== 'stopping') {
      deps.events.reject(refusal.reason, {
        ...refusal.detail,
        status: refusal.status,
        method: request.method,
        path: pathOf(request.url),
        ip: request.ip,
        ...(request.headers.origin ? { origin: request.headers.origin } : {}),
      });
    }
    for (const [name, value] of Object.entries(refusal.headers ?? {})) void reply.header(name, value);
    return reply.code(refusal.status).type('application/json; charset=utf-8').send(bodyOf(refusal));
  };

  // The 200 body's serializer, compiled once by fastify (fast-json-stringify) when the route names its shape.
  const answerSchema: FastifySchema | undefined = spec.answerSchema
    ? { response: { 200: spec.answerSchema } }
    : undefined;
  return async (app) => {
    if (spec.cors) {
      await app.register(
        cors,
        spec.cors.origins.corsOptions({
          methods: [spec.method, 'OPTIONS'],
          ...(spec.cors.allowedHeaders ? { allowedHeaders: spec.cors.allowedHeaders } : {}),
          ...(spec.cors.credentials !== undefined ? { credentials: spec.cors.credentials } : {}),
        }),
      );
    }
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      spec.mediaTypes === 'json-and-vendor' ? jsonAndVendor : jsonOnly,
      { parseAs: 'buffer', bodyLimit: spec.bodyLimit },
      (_request, body, done) => done(null, body),
    );
    app.setErrorHandler((error, request, reply) => {
      const refusal = refusalOfFastifyError(error as { code?: string; statusCode?: number }, spec.bodyLimit);
      if (refusal) return refuse(request, reply, refusal);
      deps.logger.error(
        { err: describeError(error), method: request.method, path: pathOf(request.url) },
        'a JSON route failed',
      );
      return reply
        .code(500)
        .type('application/json; charset=utf-8')
        .send(bodyOf({ reason: 'internal', status: 500, message: 'The request failed; see the daemon log' }));
    });
    // A callback hook, not an async one: most requests pass every check synchronously, and an async hook
    // costs each of them a promise and a turn.
    app.addHook('onRequest', (request, reply, done) => {
      // Preflights the CORS plugin answered never get here; the others are refused by the route below.
      if (request.method === 'OPTIONS') return done();
      if (deps.stopping()) return void refuse(request, reply, refusals.stopping());
      // CORS alone only keeps the browser from reading the answer; refusing here keeps the rules (and
      // their side effects) from running for pages that are not allowed.
      if (spec.cors) {
        const check = spec.cors.origins.allowsRequest(request.headers.origin);
        if (!check.ok) return void refuse(request, reply, refusals.originNotAllowed(request.headers.origin));
      }
      if (!spec.authorize) return done();
      let refusal: ReturnType<NonNullable<JsonRouteSpec['authorize']>>;
      try {
        refusal = spec.authorize(jsonRequest(request));
      } catch (error) {
        return done(error as Error);
      }
      if (!isPromise(refusal)) return refusal ? void refuse(request, reply, refusal) : done();
      refusal.then(
        (late) => (late ? void refuse(request, reply, late) : done()),
        (error: unknown) => done(error as Error),
      );
    });
    if (spec.cors) {
      app.options(spec.path, async (request, reply) =>
        refuse(request, reply, refusals.originNotAllowed(request.headers.origin)),
      );
    }
    app.route({
      method: spec.method,
      url: spec.path,
      bodyLimit: spec.bodyLimit,
      ...(answerSchema ? { schema: answerSchema } : {}),
      handler: async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const req = jsonRequest(request);
        const unverified = spec.verify?.(req, raw);
        if (unverified) return refuse(request, reply, unverified);
        if (raw.length === 0) return refuse(request, reply, refusals.emptyBody());
        const text = raw.toString('utf8');
        // Checked on the text, before parsing: what walks the value later (validation, the console)
        // would overflow the stack on a body within the size limit that nests thousands of levels.
        if (jsonTextTooDeep(text, maxDepth)) return refuse(request, reply, refusals.tooDeep(maxDepth));
        let body: unknown;
        try {
          body = secureJsonParse.parse(text);
        } catch (error) {
          return refuse(request, reply, refusals.invalidJson((error as Error).message));
        }
        const result = await spec.handle(body, req);
        for (const [name, value] of Object.entries(result.headers ?? {})) void reply.header(name, value);
        return reply.code(result.status).type('application/json; charset=utf-8').send(result.body);
      },
    });
  };
}
