// The transport floor of the webhook job: node:http in, undici GET out (the same URL, values encoded),
// 200 back once the GET is answered. No token, no rule, no state: what any webhook → HTTP path must pay.
import { createServer } from 'node:http';
import { request } from 'undici';

const sink = process.argv[2];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', async () => {
    try {
      const hook = JSON.parse(body);
      const url = `${sink}/crm/calls/${encodeURIComponent(hook.call.uuid)}?order=${encodeURIComponent(hook.orderNumber)}`;
      const reply = await request(url);
      await reply.body.dump();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
      res.end('{"ok":true}');
    } catch {
      res.writeHead(502).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
