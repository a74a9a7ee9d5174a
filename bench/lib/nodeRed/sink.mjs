// The local "CRM" every webhook path sends its GET to. It counts what it receives per call id, so the
// benchmark can compare the requests answered 2xx with the GETs that arrived (lost and doubled).
// `POST /__check` with the JSON list of answered call ids returns the counts since the last check, and
// resets them. `GET /__last` returns the last request target received (to compare the URL each path built).
import { createServer } from 'node:http';

let hits = new Map();
let total = 0;
let last = '';
const prefix = '/crm/calls/';

const server = createServer((req, res) => {
  if (req.url.startsWith(prefix)) {
    const end = req.url.indexOf('?');
    const id = decodeURIComponent(req.url.slice(prefix.length, end < 0 ? undefined : end));
    hits.set(id, (hits.get(id) ?? 0) + 1);
    total++;
    last = req.url;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
    res.end('{"ok":true}');
    return;
  }
  if (req.url === '/__last') {
    res.end(JSON.stringify({ last }));
    return;
  }
  if (req.method === 'POST' && req.url === '/__check') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const answered = JSON.parse(body);
      let lost = 0;
      for (const id of answered) if (!hits.has(id)) lost++;
      let doubled = 0;
      for (const count of hits.values()) doubled += count - 1;
      const answer = { answered: answered.length, received: total, distinct: hits.size, lost, doubled };
      hits = new Map();
      total = 0;
      res.end(JSON.stringify(answer));
    });
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
