import http from 'node:http';
import https from 'node:https';
import type { SocketGeneration } from './SocketClient.js';

/** What the probe needs: the server's address (no namespace) and the connection's HTTP/TLS settings. */
export interface ProbeTarget {
  readonly serverUrl: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly extraHeaders: Readonly<Record<string, string>>;
  readonly ca?: string;
  readonly rejectUnauthorized: boolean;
  readonly timeoutMs: number;
}

export type ProbeResult =
  | { readonly ok: true; readonly generation: SocketGeneration }
  | {
      readonly ok: false;
      /** `network`: unreachable; `tls`: certificate/handshake; `http`: an answer that is no Engine.IO handshake. */
      readonly kind: 'network' | 'tls' | 'http';
      readonly code?: string;
      readonly message: string;
    };

interface Reply {
  readonly status: number;
  readonly body: string;
}

/**
 * Asks the server which Engine.IO protocol it speaks, with one handshake GET
 * `<path>/?EIO=4&transport=polling`: a socket.io 3.x/4.x server opens with `0{"sid":…}`, a 1.x/2.x server
 * (Engine.IO 3) ignores the version and answers a length-prefixed payload such as `97:0{"sid":…}`.
 * The probe session is closed right after, so it does not linger on the server.
 */
export async function probeServer(target: ProbeTarget, signal?: AbortSignal): Promise<ProbeResult> {
  const url = handshakeUrl(target, { EIO: '4', transport: 'polling', t: Date.now().toString(36) });
  let reply: Reply;
  try {
    reply = await request('GET', url, target, undefined, signal);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const code = typeof err.code === 'string' ? err.code : undefined;
    return {
      ok: false,
      kind: isTlsError(err) ? 'tls' : 'network',
      ...(code ? { code } : {}),
      message: err.message,
    };
  }
  const generation = generationOf(reply);
  if (generation === undefined) {
    const body = reply.body.replace(/\s+/g, ' ').slice(0, 120);
    return {
      ok: false,
      kind: 'http',
      code: `HTTP ${reply.status}`,
      message: `not a socket.io handshake: ${body}`,
    };
  }
  const sid = /"sid":"([^"]+)"/.exec(reply.body)?.[1];
  if (sid !== undefined) void closeSession(target, generation, sid);
  return { ok: true, generation };
}

export function generationOf(reply: Reply): SocketGeneration | undefined {
  if (reply.status !== 200) return undefined;
  if (reply.body.startsWith('0{')) return 'v4';
  if (/^\d+:0\{/.test(reply.body) || reply.body.startsWith('\u0000')) return 'v2';
  return undefined;
}

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

function isTlsError(error: NodeJS.ErrnoException): boolean {
  return typeof error.code === 'string' && (tlsCodes.has(error.code) || error.code.startsWith('ERR_SSL_'));
}

function handshakeUrl(target: ProbeTarget, params: Record<string, string>): URL {
  const url = new URL(target.serverUrl);
  url.pathname = `${target.path.replace(/\/+$/, '')}/`;
  url.search = '';
  for (const [key, value] of Object.entries({ ...target.query, ...params })) url.searchParams.set(key, value);
  return url;
}

/** Engine.IO close packet (`1`), framed for the protocol, so the probe does not wait for a ping timeout. */
async function closeSession(target: ProbeTarget, generation: SocketGeneration, sid: string): Promise<void> {
  const eio = generation === 'v2' ? '3' : '4';
  const url = handshakeUrl(target, { EIO: eio, transport: 'polling', sid });
  await request('POST', url, target, generation === 'v2' ? '1:1' : '1').catch(() => undefined);
}

function request(
  method: 'GET' | 'POST',
  url: URL,
  target: ProbeTarget,
  body?: string,
  signal?: AbortSignal,
): Promise<Reply> {
  const secure = url.protocol === 'https:';
  const client = secure ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method,
        headers: {
          ...target.extraHeaders,
          ...(body !== undefined ? { 'content-type': 'text/plain;charset=UTF-8' } : {}),
        },
        timeout: target.timeoutMs,
        agent: false,
        ...(signal ? { signal } : {}),
        ...(secure
          ? { rejectUnauthorized: target.rejectUnauthorized, ...(target.ca ? { ca: target.ca } : {}) }
          : {}),
      },
      (res) => {
        let text = '';
        res.setEncoding('latin1');
        res.on('data', (chunk: string) => {
          if (text.length < 4096) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${target.timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end(body);
  });
}
