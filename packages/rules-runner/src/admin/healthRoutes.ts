import { isUpState, type Runtime } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';

/** `/healthz`: the process answers. `/readyz`: rules loaded and every adapter connected or listening. */
export function healthRoutes(app: FastifyInstance, runtime: Runtime, rulesLoaded: () => boolean): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const instances = runtime.instances().map((i) => ({
      instance: i.name,
      adapter: i.adapter,
      state: i.status.state,
      since: i.status.since,
      ...(i.status.detail ? { detail: i.status.detail } : {}),
    }));
    const notReady = instances.filter((i) => !isUpState(i.state)).map((i) => i.instance);
    const ok = rulesLoaded() && notReady.length === 0;
    return reply.code(ok ? 200 : 503).send({
      status: ok ? 'ready' : 'not ready',
      rules: { loaded: rulesLoaded(), count: runtime.rules.rules.length },
      notReady,
      instances,
    });
  });
}
