import type { InstanceConfig, Runtime } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { RuleReloader } from '../daemon/RuleReloader.js';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { consoleWriteGuard } from './consoleWriteGuard.js';
import type { RuleStats } from './RuleStats.js';
import { redactForConsole } from './redactForConsole.js';
import { sendTestEvent } from './sendTestEvent.js';

/** What the console knows besides the journal: the loaded rules and their history, the instances. */
export interface ConsoleSources {
  readonly reloader: RuleReloader;
  readonly instances: readonly InstanceConfig[];
}

/** Largest test event the console accepts (a recorded vendor payload fits easily). */
const testEventLimit = 65_536;

/**
 * The console's rule views and "send a test event": `/api/rules` (loaded rules with where they are,
 * their hits, last fired and failures), `/api/reloads` (every load of the rules, with the problems of
 * one that failed), `/api/sources` (instances a test event can come from), `POST /api/test-event`.
 */
export function consoleRulesApi(
  app: FastifyInstance,
  runtime: Runtime,
  stats: RuleStats,
  sources: ConsoleSources,
  redactor: SecretRedactor,
  logger: Logger,
): void {
  const send = (value: unknown) => redactForConsole(value, redactor);

  app.get('/api/rules', async (_req, reply) => {
    const rules = runtime.rules.rules.map((rule) => ({
      name: rule.name,
      file: rule.position.file,
      line: rule.position.line,
      col: rule.position.col,
      on: rule.on,
      ...(rule.from ? { from: [...rule.from] } : {}),
      actions: rule.actions.map((a) => ({
        name: a.name,
        ...(a.via ? { via: a.via } : {}),
        line: a.position.line,
      })),
      ...stats.get(rule.name),
    }));
    return reply.type('application/json').send(send({ watching: sources.reloader.watching, rules }));
  });

  app.get('/api/reloads', async (_req, reply) =>
    reply.type('application/json').send(send(sources.reloader.history.list())),
  );

  app.get('/api/sources', async (_req, reply) => {
    const list = sources.instances.map((i) => ({
      instance: i.name,
      adapter: i.manifest.name,
      events: i.manifest.emits.events,
      vendorEvents: Object.keys(i.manifest.emits.vendorEvents ?? {}),
      mapsVendorPayloads: typeof i.manifest.mapVendorEvent === 'function',
    }));
    return reply.type('application/json').send(send(list));
  });

  app.post(
    '/api/test-event',
    { preHandler: consoleWriteGuard, bodyLimit: testEventLimit },
    async (req, reply) => {
      const answer = await sendTestEvent(req.body, runtime, sources.instances, logger);
      return reply
        .code(answer.ok ? 200 : 400)
        .type('application/json')
        .send(send(answer));
    },
  );
}
