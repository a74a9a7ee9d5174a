import {
  type Clock,
  type DispatchReport,
  defaultMaxJsonDepth,
  describeError,
  type InstanceEvents,
  jsonTextTooDeep,
  type Logger,
  type RouteHost,
} from '@switchboard/core';
import secureJsonParse from 'secure-json-parse';
import type { CompiledMapping } from '../mapping/compileMapping.js';
import { MappingError } from '../mapping/MappingError.js';
import { mapBodies } from '../mapping/mapBodies.js';
import type { WebhookOptions } from '../options/WebhookOptions.js';
import { verifyBearer, verifyHmac } from './authenticate.js';
import { outcomeSummary } from './outcomeSummary.js';
import {
  internalError,
  refusalOfFastifyError,
  stoppingError,
  type WebhookRefusal,
  webhookErrors,
} from './webhookErrors.js';

type RoutePlugin = Parameters<RouteHost['register']>[0];
/** The parts of a fastify request and reply the route uses (core's public API does not name fastify's types). */
interface Request {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly ip: string;
}

/** The part of a fastify reply the refusals use. */
interface Reply {
  code(status: number): { send(body: unknown): unknown };
  header(name: string, value: string): unknown;
}

export interface EventsRouteDeps {
  readonly name: string;
  readonly options: WebhookOptions;
  readonly mapping: CompiledMapping;
  readonly events: InstanceEvents;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly stopped: () => boolean;
}

/** `application/json` and `application/<vendor>+json`, with or without parameters (`; charset=utf-8`). */
const jsonTypes = /^application\/([a-z0-9.+-]+\+)?json\s*(;.*)?$/i;

/**
 * `POST /adapters/<instance>/events`: authenticate, parse (prototype-poisoning safe), map every body, then
 * publish. Bad requests are refused with a JSON error and counted; nothing is published unless every
 * body of the request maps.
 */
export function eventsRoute(deps: EventsRouteDeps): RoutePlugin {
  const { options, events } = deps;
  const auth = options.auth;
  const refuse = (reply: Reply, reason: WebhookRefusal, message: string, ip: string) => {
    events.reject(reason, { ip, message });
    const { status, code } = webhookErrors[reason];
    if (reason === 'unauthorized' && 'bearer' in auth) reply.header('www-authenticate', 'Bearer');
    return reply.code(status).send({ code, message });
  };

  return async (app) => {
    // only JSON, kept as raw bytes: the HMAC is computed over them before anything is parsed
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      jsonTypes,
      { parseAs: 'buffer', bodyLimit: options.bodyLimit },
      (_r, body, done) => done(null, body),
    );
    app.setErrorHandler((error, request, reply) => {
      const reason = refusalOfFastifyError(error as { code?: string; statusCode?: number });
      if (reason === undefined) {
        deps.logger.error({ err: describeError(error) }, 'webhook request failed');
        return reply.code(internalError.status).send({ code: internalError.code, message: 'internal error' });
      }
      const message =
        reason === 'body-too-large'
          ? `the body is larger than ${options.bodyLimit} bytes`
          : reason === 'unsupported-media-type'
            ? 'send the body as JSON (Content-Type: application/json)'
            : (error as Error).message;
      return refuse(reply, reason, message, request.ip);
    });

    // a bearer token is checked before the body is read; a signature needs the body
    const onRequest = async (request: Request, reply: Reply) => {
      if ('bearer' in auth && !verifyBearer(request.headers, auth.bearer)) {
        refuse(reply, 'unauthorized', 'missing or wrong bearer token', request.ip);
        return reply;
      }
      return undefined;
    };

    app.post('/events', { bodyLimit: options.bodyLimit, onRequest }, async (request, reply) => {
      if (deps.stopped()) {
        return reply.code(stoppingError.status).send({ code: stoppingError.code, message: 'shutting down' });
      }
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if ('hmac' in auth && !verifyHmac(request.headers, raw, auth.hmac)) {
        return refuse(reply, 'unauthorized', `missing or wrong signature in ${auth.hmac.header}`, request.ip);
      }
      if (raw.length === 0) return refuse(reply, 'invalid-json', 'the body is empty', request.ip);
      // Checked on the text, before parsing: mapping, validation and the console walk the value, and a
      // body within the size limit can nest thousands of levels deep.
      if (jsonTextTooDeep(raw.toString('utf8'))) {
        return refuse(
          reply,
          'too-deep',
          `the body nests deeper than ${defaultMaxJsonDepth} levels`,
          request.ip,
        );
      }
      let payload: unknown;
      try {
        payload = secureJsonParse(raw);
      } catch (error) {
        return refuse(
          reply,
          'invalid-json',
          `the body is not valid JSON: ${(error as Error).message}`,
          request.ip,
        );
      }
      let mapped: ReturnType<typeof mapBodies>;
      try {
        mapped = mapBodies(payload, deps.mapping, {
          source: deps.name,
          now: new Date(deps.clock.now()),
          maxBatch: options.maxBatch,
        });
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        return refuse(reply, 'invalid-body', error.message, request.ip);
      }
      const accepted = mapped.map((e) => e.id);
      const reports = mapped.map((event) =>
        events.publish(event).catch((error: unknown): DispatchReport => {
          deps.logger.error(
            { eventId: event.id, err: describeError(error) },
            'publishing a webhook event failed',
          );
          return { status: 'rejected', matched: [], outcomes: [], error: describeError(error) };
        }),
      );
      if (!options.sync) return reply.code(202).send({ accepted });
      const done = await settleWithin(Promise.all(reports), options.syncTimeout);
      if (done === undefined) return reply.code(202).send({ accepted, pending: true });
      return reply
        .code(200)
        .send({ accepted, events: done.map((report, i) => outcomeSummary(accepted[i] as string, report)) });
    });
  };
}

/** The promise's value, or undefined when `ms` pass first. */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
