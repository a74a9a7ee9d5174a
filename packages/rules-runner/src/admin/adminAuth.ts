import { sameSecret } from '@switchboard/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLoopback } from './isLoopback.js';

const cookieName = 'switchboard_admin';

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const cookie = request.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${cookieName}=`));
  if (!cookie) return undefined;
  try {
    return decodeURIComponent(cookie.slice(cookieName.length + 1));
  } catch {
    return undefined; // not percent-encoding we wrote: no token, so 401 like any wrong cookie
  }
}

/**
 * The admin surface's guard. Bound to loopback, it serves loopback clients only. Bound to any other
 * address, every request needs the bearer token (header, or the cookie set by `/console/login`), and a
 * request from a non-loopback address without it is refused.
 */
export function adminAuth(bindHost: string, token: string | undefined) {
  const open = isLoopback(bindHost);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // DNS rebinding: a web page whose name now points at 127.0.0.1 still sends its own Host header.
    if (open && !isLoopbackHost(request.headers.host)) {
      await reply
        .code(421)
        .send({ error: 'misdirected', message: 'the admin surface answers only to a loopback host name' });
      return;
    }
    if (request.url.startsWith('/console/login')) return;
    if (open && isLoopback(request.socket.remoteAddress)) return;
    const given = presentedToken(request);
    if (token && given && sameSecret(given, token)) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="switchboard-admin"')
      .send({ error: 'unauthorized', message: 'the admin surface needs a bearer token from this address' });
  };
}

/** `host[:port]` or `[ipv6][:port]`, nothing else: the whole header must be a host name and a port. */
const hostHeader = /^(?:\[([0-9A-Fa-f:.]+)\]|([^[\]:]+))(?::\d{1,5})?$/;

/** `localhost:8788`, `127.0.0.1:8788`, `[::1]:8788` (any port, or none); `[::1]evil` is not. */
function isLoopbackHost(host: string | undefined): boolean {
  const match = host === undefined ? null : hostHeader.exec(host);
  if (!match) return false;
  return isLoopback(match[1] ?? match[2]);
}

/** `/console/login?token=…` sets the token as an HttpOnly cookie, so the console (and SSE) work in a browser. */
export function loginHandler(token: string | undefined) {
  return async (request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) => {
    const given = request.query.token ?? '';
    if (!token || !sameSecret(given, token)) {
      return reply.code(401).send({ error: 'unauthorized', message: 'wrong token' });
    }
    return reply
      .header('set-cookie', `${cookieName}=${encodeURIComponent(given)}; HttpOnly; SameSite=Strict; Path=/`)
      .redirect('/console/');
  };
}
