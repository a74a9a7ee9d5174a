import type { OriginPolicy } from '@switchboard/core';
import type { FastifyPluginAsync } from 'fastify';
import { closeThirdPartyScript } from './closeThirdPartyScript.js';
import type { PaneStore } from './PaneStore.js';
import { renderMissingPane, renderPanePage } from './renderPanePage.js';

/** `GET /pane/:id` (the built-in pane) and `GET /pane.js` (the Done button's script). */
export function paneRoutes(panes: PaneStore, origins: OriginPolicy): FastifyPluginAsync {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "script-src 'self'",
    `frame-ancestors ${origins.frameAncestors()}`,
  ].join('; ');
  return async (app) => {
    app.get('/pane.js', async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'max-age=300')
        .send(closeThirdPartyScript),
    );
    app.get<{ Params: { id: string } }>('/pane/:id', async (request, reply) => {
      const content = await panes.get(request.params.id);
      void reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', csp)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer');
      if (!content) return reply.code(404).send(renderMissingPane());
      return reply.send(renderPanePage(content, '../pane.js'));
    });
  };
}
