import type { Runtime } from '@switchboard/core/host';
import type { FastifyInstance } from 'fastify';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import type { EventJournal, JournalEntry } from './EventJournal.js';
import type { LiveStream } from './LiveStream.js';
import { redactForConsole } from './redactForConsole.js';

interface EventFilter {
  callId?: string;
  queue?: string;
  agent?: string;
  source?: string;
  limit?: string;
}

/** A filter value is found in a field: anywhere in it, whatever the case (as the console filters). */
const holds = (field: string | undefined, wanted: string | undefined): boolean =>
  !wanted || (field ?? '').toLowerCase().includes(wanted.toLowerCase());

const matches =
  (f: EventFilter) =>
  (entry: JournalEntry): boolean => {
    const e = entry.event;
    const agents = [e.agent?.id, e.call?.agent, e.call?.peer, e.agent?.peer].filter((a) => a !== undefined);
    return (
      holds(e.call?.id, f.callId) &&
      holds(e.call?.queue, f.queue) &&
      (!f.agent || agents.some((a) => holds(a, f.agent))) &&
      holds(e.source, f.source)
    );
  };

/** The console's JSON API and its live stream (server-sent events). Everything passes the redactor. */
export function consoleApi(
  app: FastifyInstance,
  runtime: Runtime,
  journal: EventJournal,
  redactor: SecretRedactor,
  stream: LiveStream,
): void {
  const send = (value: unknown) => redactForConsole(value, redactor);

  app.get('/api/instances', async (_req, reply) =>
    reply.type('application/json').send(send(runtime.instances())),
  );

  app.get('/api/leases', async (_req, reply) =>
    reply.type('application/json').send(send({ node: runtime.node, changes: journal.leases() })),
  );

  app.get<{ Querystring: EventFilter }>('/api/events', async (req, reply) => {
    const limit = Math.min(Number(req.query.limit ?? 200) || 200, 2000);
    return reply.type('application/json').send(send(journal.list(matches(req.query), limit)));
  });

  app.get<{ Params: { callId: string } }>('/api/calls/:callId', async (req, reply) =>
    reply.type('application/json').send(send(journal.timeline(req.params.callId))),
  );

  app.get<{ Params: { seq: string } }>('/api/events/:seq/explain', async (req, reply) => {
    const explained = journal.explain(Number(req.params.seq));
    if (!explained)
      return reply.code(404).send({ error: 'not found', message: 'that event is no longer in the journal' });
    return reply.type('application/json').send(send(explained));
  });

  app.get('/api/stream', (_req, reply) => {
    if (stream.full) {
      stream.refuse();
      return reply
        .code(503)
        .header('retry-after', '10')
        .send({
          error: 'too-many-streams',
          message: `the console's live stream already serves ${stream.options.max} clients (admin.stream.max)`,
        });
    }
    reply.hijack();
    stream.open(reply.raw);
    return reply;
  });
}
