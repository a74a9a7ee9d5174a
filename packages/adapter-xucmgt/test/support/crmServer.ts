import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The README's pane snippet, as a user's own pane would carry it. */
export const ownPaneSnippet = `(function () {
      function close() {
          parent.window.postMessage("closeThirdParty", "*");
      }

      document.getElementById("close").addEventListener("click", close, false);
})();`;

export interface CrmServer {
  readonly origin: string;
  /** Paths requested so far, with their query. */
  readonly requests: string[];
  /** `/held` lookups answer from now on (and those waiting, at once). */
  release(): void;
  close(): Promise<void>;
}

/**
 * A stand-in CRM on its own origin: `/contacts?phone=` answers a JSON record, `/slow?ms=` answers after
 * a delay, `/held` answers only once released (to catch rules mid-way), and `/contact?phone=` is a user's
 * own pane page with a Done button (`#close`, the snippet).
 */
export async function startCrmServer(): Promise<CrmServer> {
  const requests: string[] = [];
  const held: ServerResponse[] = [];
  let holding = true;
  const answerHeld = (response: ServerResponse) => {
    if (!response.destroyed) response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://crm');
    requests.push(`${url.pathname}${url.search}`);
    const phone = url.searchParams.get('phone') ?? '';
    if (url.pathname === '/contacts') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name: '<b>Acme</b> Trucks', account: 'A-42', phone, internal: 'x' }));
    } else if (url.pathname === '/slow') {
      const timer = setTimeout(
        () => {
          response.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"late"}');
        },
        Number(url.searchParams.get('ms') ?? '1000'),
      );
      response.on('close', () => clearTimeout(timer));
    } else if (url.pathname === '/held') {
      if (holding) held.push(response);
      else answerHeld(response);
    } else if (url.pathname === '/contact') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html><head><meta charset="utf-8"><title>CRM</title></head>
<body><h1 id="who">Contact ${phone.replace(/[^0-9+ ]/g, '')}</h1><button id="close" type="button">Done</button>
<script>${ownPaneSnippet}</script></body></html>`);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    release: () => {
      holding = false;
      for (const response of held.splice(0)) answerHeld(response);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
