import { escapeHtml } from '@switchboard/core';
import type { PaneContent } from './PaneStore.js';

const styles = `body{font:15px/1.4 system-ui,sans-serif;margin:16px;color:#222}
h1{font-size:18px;margin:0 0 12px}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0 0 16px}
dt{font-weight:600;color:#555}dd{margin:0}.none{color:#777;font-style:italic}
button{font-size:15px;padding:6px 18px}`;

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function row(label: string, value: unknown): string {
  return `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(show(value))}</dd>`;
}

function recordRows(record: unknown, fields: readonly string[] | undefined): string {
  const item = Array.isArray(record) ? record[0] : record;
  if (item === null || item === undefined || item === '') return '';
  if (typeof item !== 'object') return row('Record', item);
  const data = item as Record<string, unknown>;
  const keys = fields ?? Object.keys(data);
  return keys
    .filter((k) => Object.hasOwn(data, k))
    .map((k) => row(k, data[k]))
    .join('');
}

/**
 * The built-in pane: who calls, from which queue, the matched CRM record (or a note that none matched),
 * and a Done button that posts `closeThirdParty` to the agent app. Every value is HTML-escaped; the page
 * runs no inline script.
 */
export function renderPanePage(content: PaneContent, scriptUrl: string): string {
  const caller = [content.callerName, content.caller].filter(Boolean).join(' ');
  const record = recordRows(content.record, content.fields);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${styles}</style></head>
<body><h1>${escapeHtml(content.title)}</h1>
<dl id="call">${row('Caller', caller)}${content.queue !== undefined ? row('Queue', content.queue) : ''}</dl>
${record === '' ? '<p id="record" class="none">No CRM record matched this caller.</p>' : `<dl id="record">${record}</dl>`}
<button id="done" type="button">Done</button>
<script src="${escapeHtml(scriptUrl)}"></script>
</body></html>
`;
}

export function renderMissingPane(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pane expired</title></head>
<body><p>This pane is no longer available.</p><button id="done" type="button">Done</button>
<script src="../pane.js"></script></body></html>
`;
}
