import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CrmRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** A local stand-in for a CRM: records every request's JSON body, answers `{ "ok": true }`. */
export async function startCrm(): Promise<{ url: string; requests: CrmRequest[]; close(): Promise<void> }> {
  const requests: CrmRequest[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the text
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
