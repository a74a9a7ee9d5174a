// The floor for the latency benchmark: what integrators run today, a template.js-style socket.io client
// that emits AgentCTI straight from its `up` handler. argv: the xcally-realtime URL.
import { io } from 'socket.io-client';

const socket = io(process.argv[2], { transports: ['websocket'] });
const wakeup = (url, peer, mode) => socket.emit('AgentCTI', { url, peer, mode });
socket.on('up', (data) => {
  if (data.queue === 'Sales')
    wakeup(`http://crm.example/sales?call=${encodeURIComponent(data.uniqueid)}`, data.peer, 'new_frame');
});
socket.on('connect', () => process.stdout.write(`${JSON.stringify({ connected: true })}\n`));
process.on('SIGTERM', () => {
  socket.close();
  process.exit(0);
});
