import { html } from './html.js';

const label = (expression) => {
  const text = JSON.stringify(expression);
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
};

/** One condition node: its expression, its value, and its sub-expressions below it. */
function Node({ node }) {
  return html`<li>
    <code>${label(node.expression)}</code>
    <span class=${node.truthy ? 'value yes' : 'value no'}>→ ${JSON.stringify(node.value) ?? 'undefined'}</span>
    ${node.children.length > 0 ? html`<ul>${node.children.map((child) => html`<${Node} node=${child} />`)}</ul>` : null}
  </li>`;
}

/** "Why did this rule fire": every rule listening to the event type, with its condition broken down. */
export function Explain({ explained }) {
  if (!explained) return html`<p class="muted">Select an event.</p>`;
  if (explained.rules.length === 0)
    return html`<p class="muted">No rule listens to ${explained.entry.event.type}.</p>`;
  return html`<div data-testid="explain">
    ${explained.rules.map(
      (r) => html`<section class="rule">
        <h4>
          <span class=${r.matched ? 'badge ok' : 'badge off'}>${r.matched ? 'fired' : 'not fired'}</span>
          ${r.rule} <span class="muted">${r.file}:${r.line}</span>
        </h4>
        ${r.excludedBySource ? html`<p class="muted">not for source ${explained.entry.event.source} (from:)</p>` : null}
        ${r.stoppedBy ? html`<p class="muted">stopped by ${r.stoppedBy}</p>` : null}
        ${r.condition ? html`<ul class="tree"><${Node} node=${r.condition} /></ul>` : html`<p class="muted">no condition: always</p>`}
      </section>`,
    )}
  </div>`;
}
