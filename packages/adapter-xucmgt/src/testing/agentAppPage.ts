import { type RequestShape, sampleRequest } from './sampleRequests.js';

const shapes: readonly RequestShape[] = ['2016', '2017', '2024'];

/** JSON inside a `<script type="application/json">`: `<` escaped so no text can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** The agent-app stand-in page: call controls, agent state, the pane host, and a history of what happened. */
export function renderAgentAppPage(): string {
  const samples = Object.fromEntries(shapes.map((shape) => [shape, sampleRequest(shape)]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>XucMgt agent (emulator)</title>
<style>body{font:14px system-ui,sans-serif;margin:12px}#pane-host iframe{width:100%;height:320px;border:1px solid #999}
.bar{display:flex;gap:8px;align-items:center;margin:6px 0}#error{color:#b00}</style></head>
<body>
<h1>XucMgt agent application (Switchboard emulator)</h1>
<div class="bar">Agent: <strong id="agent-state"></strong> · Call: <strong id="call-state"></strong></div>
<div class="bar"><button id="ring" type="button">Ring</button><button id="establish" type="button">Answer</button>
<button id="release" type="button">Hang up</button></div>
<div id="error" role="alert"></div>
<pre id="answer-json"></pre>
<h2 id="pane-title"></h2>
<div id="pane-host"></div>
<ol id="history"></ol>
<script type="application/json" id="samples">${scriptJson(samples)}</script>
<script src="/agent-app.js"></script>
</body></html>
`;
}
