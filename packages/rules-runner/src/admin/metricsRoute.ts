import type { Runtime } from '@switchboard/core/host';
import type { FastifyInstance } from 'fastify';
import type { SecretRedactor } from '../logging/SecretRedactor.js';

/**
 * `/metrics` in the Prometheus text format: the runtime's metrics plus the process's. Label values
 * come from adapters and vendors (a rejection reason, an event type), so the text passes the redactor.
 */
export function metricsRoute(app: FastifyInstance, runtime: Runtime, redactor: SecretRedactor): void {
  runtime.metrics.collectProcessMetrics();
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', runtime.metrics.registry.contentType);
    return redactor.redact(await runtime.metrics.registry.metrics());
  });
}
