import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkRequest {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

export interface Sink {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly requests: SinkRequest[];
  close(): Promise<void>;
}

const read = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** A local HTTP endpoint standing in for a CRM: records every request, answers 200 `{ "ok": true }`. */
export async function startSink(): Promise<Sink> {
  const requests: SinkRequest[] = [];
  const server = createServer((req, res) => {
    void read(req).then((body) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
