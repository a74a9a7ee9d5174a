// One autocannon run in this process: every request gets a fresh body (a new event id and call id, as each
// webhook or XucMgt POST of a new call would), the call ids answered 2xx are kept (to count the sink's
// hits against them), and each 2xx latency is kept at full resolution (autocannon's own histogram rounds
// to whole milliseconds).
import autocannon from 'autocannon';
import { percentiles } from '../measure.mjs';

let next = 0;

/**
 * `request(n)` returns `{ id, body }` for the n-th request. `rate`: requests/s over all connections
 * (autocannon `overallRate`), else as fast as the server answers (saturation).
 */
export async function loadRun({ url, headers, request, connections, duration, rate }) {
  const answered = [];
  const latencies = [];
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    connections,
    duration,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (req, context) => {
          const { id, body } = request(next++);
          context.id = id;
          return { ...req, body };
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300) answered.push(context.id);
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  const { p50, p99 } = percentiles(latencies);
  return {
    requestsPerSecond: answered.length / result.duration,
    p50,
    p99,
    answered,
    errors: result.errors + result.non2xx,
  };
}
