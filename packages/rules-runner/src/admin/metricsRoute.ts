import type { Runtime } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';

/** `/metrics` in the Prometheus text format: the runtime's metrics plus the process's. */
export function metricsRoute(app: FastifyInstance, runtime: Runtime): void {
  runtime.metrics.collectProcessMetrics();
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', runtime.metrics.registry.contentType);
    return runtime.metrics.registry.metrics();
  });
}
