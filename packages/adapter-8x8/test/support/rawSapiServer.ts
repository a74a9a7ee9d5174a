import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawSapiServer {
  readonly url: string;
  readonly options: { readonly tenant: string; readonly token: string };
  /** When each subscribe request arrived (ms since the epoch). */
  readonly requests: number[];
  close(): Promise<void>;
}

/**
 * A bare HTTP server on 127.0.0.1 standing in for a SAPI endpoint that misbehaves in ways the emulator
 * does not (accepts and closes at once, sends bytes the emulator cannot encode, echoes credentials):
 * `respond` answers every request, whatever its path or credentials. `options` are the credentials a
 * client should use.
 */
export async function startRawSapiServer(
  respond: (res: ServerResponse, attempt: number, req: IncomingMessage) => void,
  options: { readonly tenant: string; readonly token: string } = {
    tenant: 'acmecorp01',
    token: 'tok-secret-123',
  },
): Promise<RawSapiServer> {
  const requests: number[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(Date.now());
    respond(res, requests.length, req);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    options,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers 200 like SAPI, then ends the stream cleanly after `ms` without sending anything. */
export const acceptThenClose =
  (ms: number) =>
  (res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.flushHeaders();
    const timer = setTimeout(() => res.end(), ms);
    res.on('close', () => clearTimeout(timer));
  };
