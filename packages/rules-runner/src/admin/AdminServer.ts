import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { describeError, jsonTextTooDeep } from '@switchboard/core';
import type { Runtime } from '@switchboard/core/host';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { adminAuth, loginHandler } from './adminAuth.js';
import { consoleApi } from './consoleApi.js';
import { type ConsoleSources, consoleRulesApi } from './consoleRulesApi.js';
import type { EventJournal } from './EventJournal.js';
import { healthRoutes } from './healthRoutes.js';
import { LiveStream, type LiveStreamOptions } from './LiveStream.js';
import { metricsRoute } from './metricsRoute.js';
import { RuleStats } from './RuleStats.js';

export interface AdminOptions {
  readonly host: string;
  readonly port: number;
  readonly token?: string;
  /** The console's live stream: most clients at once, bytes a client may fall behind. */
  readonly stream?: Partial<LiveStreamOptions>;
}

/** `admin.stream` defaults (documented in the README and the config schema). */
export const streamDefaults = { max: 50, bufferLimit: 262_144 } as const;

const require = createRequire(import.meta.url);
const consoleDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'console');
const vendor = {
  'preact.mjs': require.resolve('preact'),
  'hooks.mjs': require.resolve('preact/hooks'),
  'htm.mjs': join(dirname(require.resolve('htm')), 'htm.mjs'),
};

/**
 * The admin surface, on its own listener (127.0.0.1 by default): `/healthz`, `/readyz`, `/metrics`,
 * the console (`/console/`) and its API. Secrets never appear in it.
 */
export class AdminServer {
  readonly #app: FastifyInstance;
  readonly #options: AdminOptions;
  readonly #stream: LiveStream;
  #address: string | undefined;

  constructor(
    options: AdminOptions,
    runtime: Runtime,
    journal: EventJournal,
    redactor: SecretRedactor,
    rulesLoaded: () => boolean,
    private readonly logger: Logger,
    sources: ConsoleSources,
  ) {
    this.#options = options;
    const app = Fastify({ logger: false, forceCloseConnections: true });
    this.#app = app;
    const stats = new RuleStats(runtime.diagnostics);
    sources.reloader.history.subscribe((record) => journal.announce({ kind: 'reload', record }));
    this.#stream = new LiveStream(
      journal,
      redactor,
      { ...streamDefaults, ...options.stream },
      runtime.metrics.registry,
      logger,
    );
    // An error's message may quote a secret: the answer and the log line both pass the redactor.
    app.setErrorHandler<FastifyError>(async (error, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500)
        logger.error({ err: describeError(error), url: request.url }, 'admin request failed');
      return reply
        .code(status)
        .type('application/json')
        .send(redactor.redact(JSON.stringify({ error: error.code ?? 'error', message: error.message })));
    });
    app.addHook('onRequest', adminAuth(options.host, options.token));
    // JSON only (so what changes something needs a CORS preflight, never granted), depth-limited.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
      const body = String(text);
      if (jsonTextTooDeep(body)) {
        done(Object.assign(new Error('the JSON nests too deep'), { statusCode: 400 }), undefined);
        return;
      }
      try {
        done(null, body === '' ? undefined : JSON.parse(body));
      } catch {
        done(Object.assign(new Error('the body is not JSON'), { statusCode: 400 }), undefined);
      }
    });
    app.get('/console/login', loginHandler(options.token));
    healthRoutes(app, runtime, rulesLoaded, redactor);
    metricsRoute(app, runtime, redactor);
    consoleApi(app, runtime, journal, redactor, this.#stream);
    consoleRulesApi(app, runtime, stats, sources, redactor, logger);
    app.register(fastifyStatic, { root: consoleDir, prefix: '/console/' });
    app.get<{ Params: { file: keyof typeof vendor } }>('/console-vendor/:file', async (req, reply) => {
      const path = Object.hasOwn(vendor, req.params.file) ? vendor[req.params.file] : undefined;
      if (!path) return reply.code(404).send({ error: 'not found' });
      return reply.type('text/javascript').sendFile(path.split('/').pop() as string, dirname(path));
    });
    app.get('/', async (_req, reply) => reply.redirect('/console/'));
  }

  get address(): string | undefined {
    return this.#address;
  }

  async listen(): Promise<string> {
    await this.#app.listen({ host: this.#options.host, port: this.#options.port });
    const info = this.#app.server.address() as AddressInfo;
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    this.#address = `http://${host}:${info.port}`;
    this.logger.info({ admin: this.#address }, `admin surface and console on ${this.#address}/console/`);
    return this.#address;
  }

  async close(): Promise<void> {
    this.#stream.close();
    await this.#app.close();
  }
}
