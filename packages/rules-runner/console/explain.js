import { html } from './html.js';

const label = (expression) => {
  const text = JSON.stringify(expression);
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
};

const operatorOf = (node) =>
  node.expression && typeof node.expression === 'object' && !Array.isArray(node.expression)
    ? Object.keys(node.expression)[0]
    : undefined;

/** The parts that made a condition false: down `and` to its first false part, into each part of an `or`. */
function falseParts(node) {
  if (node.truthy) return [];
  const parts = node.children.filter((c) => !c.truthy);
  const operator = operatorOf(node);
  if (operator === 'and' && parts.length > 0) return falseParts(parts[0]);
  if (operator === 'or' && parts.length > 0 && parts.length === node.children.length)
    return parts.flatMap(falseParts);
  return [node];
}

/** `{"==":[…]}` (call.queue is "Support"). */
function Because({ node }) {
  const reads = node.children
    .filter((c) => operatorOf(c) === 'var')
    .map((c) => `${[].concat(c.expression.var)[0]} is ${JSON.stringify(c.value) ?? 'undefined'}`);
  return html`<li><code>${label(node.expression)}</code> is false${reads.length > 0 ? ` (${reads.join(', ')})` : ''}</li>`;
}

/** One condition node: its expression, its value, and its sub-expressions below it. */
function Node({ node }) {
  return html`<li>
    <code>${label(node.expression)}</code>
    <span class=${node.truthy ? 'value yes' : 'value no'}>→ ${JSON.stringify(node.value) ?? 'undefined'}</span>
    ${node.children.length > 0 ? html`<ul>${node.children.map((child) => html`<${Node} node=${child} />`)}</ul>` : null}
  </li>`;
}

/** "Why did this rule fire": every rule listening to the event type, with its condition broken down. */
export function Explain({ rules, event }) {
  if (!rules) return html`<p class="muted">Select an event.</p>`;
  if (rules.length === 0) return html`<p class="muted">No rule listens to ${event?.type}.</p>`;
  return html`<div data-testid="explain">
    ${rules.map(
      (r) => html`<section class="rule">
        <h4>
          <span class=${r.matched ? 'badge ok' : 'badge off'}>${r.matched ? 'fired' : 'not fired'}</span>
          ${r.rule} <span class="muted">${r.file}:${r.line}</span>
        </h4>
        ${r.excludedBySource ? html`<p class="muted">not for source ${event?.source} (from:)</p>` : null}
        ${r.stoppedBy ? html`<p class="muted">stopped by ${r.stoppedBy}</p>` : null}
        ${r.condition ? html`<ul class="tree"><${Node} node=${r.condition} /></ul>` : html`<p class="muted">no condition: always</p>`}
        ${
          r.condition && !r.matched && !r.excludedBySource && !r.stoppedBy
            ? html`<div class="because" data-testid="because">not fired because <ul>${falseParts(r.condition).map((n) => html`<${Because} node=${n} />`)}</ul></div>`
            : null
        }
      </section>`,
    )}
  </div>`;
}
