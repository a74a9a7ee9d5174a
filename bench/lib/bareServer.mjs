// The floor for the web-service benchmark: a bare node:http server that reads the body and answers a constant JSON.
import { createServer } from 'node:http';

const answer = JSON.stringify({
  action: 'open',
  event: 'EventEstablished',
  url: 'https://crm.example/contacts?phone=1001',
  title: 'Trucks',
  autopause: true,
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
