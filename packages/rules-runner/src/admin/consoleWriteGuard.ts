import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Guards the console's requests that change something (sending a test event), on top of the admin
 * surface's token and Host checks: the body must be JSON, which a cross-site form or a `no-cors` fetch
 * cannot send without a CORS preflight (never granted here), and a browser that says where the request
 * comes from (`Origin`, `Sec-Fetch-Site`) must say this origin. On loopback, where no token is asked
 * for, this is what keeps a web page in the operator's browser from sending events through the console.
 */
export async function consoleWriteGuard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    await reply
      .code(415)
      .send({ error: 'unsupported-media-type', message: 'send JSON (content-type: application/json)' });
    return;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    await reply
      .code(403)
      .send({ error: 'cross-site', message: 'the console accepts this only from its own pages' });
    return;
  }
  // `Origin: null` (a sandboxed frame, a file: page) parses to no host and is refused too.
  const origin = request.headers.origin;
  if (origin !== undefined && URL.parse(origin)?.host !== request.headers.host) {
    await reply
      .code(403)
      .send({ error: 'cross-origin', message: 'the console accepts this only from its own pages' });
  }
}
