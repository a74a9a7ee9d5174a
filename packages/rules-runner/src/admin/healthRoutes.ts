import { isReadyState, type Runtime } from '@switchboard/core/host';
import type { FastifyInstance } from 'fastify';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { redactForConsole } from './redactForConsole.js';

/**
 * `/healthz`: the process answers. `/readyz`: rules loaded, the state backend answers (a shared one may
 * not: then `state: unavailable`) and every adapter connected, listening, or standing by for another node
 * that holds its connection; an adapter's state detail (often an error message) passes the redactor.
 */
export function healthRoutes(
  app: FastifyInstance,
  runtime: Runtime,
  rulesLoaded: () => boolean,
  redactor: SecretRedactor,
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const instances = runtime.instances().map((i) => ({
      instance: i.name,
      adapter: i.adapter,
      state: i.status.state,
      since: i.status.since,
      ...(i.role ? { role: i.role } : {}),
      ...(i.status.detail ? { detail: i.status.detail } : {}),
      ...(i.connections.length > 0 ? { connections: i.connections } : {}),
    }));
    const notReady = instances.filter((i) => !isReadyState(i.state)).map((i) => i.instance);
    const state = runtime.stateStatus;
    const ok = rulesLoaded() && state.up && notReady.length === 0;
    const body = {
      status: ok ? 'ready' : 'not ready',
      node: runtime.node,
      state: state.up ? 'up' : 'unavailable',
      ...(state.detail !== undefined ? { stateDetail: state.detail } : {}),
      rules: { loaded: rulesLoaded(), count: runtime.rules.rules.length },
      notReady,
      instances,
    };
    return reply
      .code(ok ? 200 : 503)
      .type('application/json')
      .send(redactForConsole(body, redactor));
  });
}
