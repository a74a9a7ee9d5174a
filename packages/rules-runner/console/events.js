import { agentOf, timeOf } from './api.js';
import { html } from './html.js';

const outcomeClass = (o) => (o.status === 'ok' ? 'badge ok' : 'badge fail');

/** Each matched rule with the actions it ran, failures shown with their error. */
function RuleGroups({ entry }) {
  const byRule = new Map(entry.matched.map((r) => [r, []]));
  for (const o of entry.outcomes) {
    if (!byRule.has(o.rule)) byRule.set(o.rule, []);
    byRule.get(o.rule).push(o);
  }
  return [...byRule].map(
    ([rule, outcomes]) => html`<div class="group" data-testid="rule-group" data-rule=${rule}>
      <span class="badge rule">${rule}</span>
      ${outcomes.map(
        (o) =>
          html`<span class=${outcomeClass(o)} data-testid="action-chip" title=${o.error ?? JSON.stringify(o.params)}>${o.action}</span>`,
      )}
      ${outcomes
        .filter((o) => o.status !== 'ok')
        .map((o) => html`<div class="error" data-testid="action-error">${o.action} failed: ${o.error}</div>`)}
    </div>`,
  );
}

/** An `action.failed` event: which rule's which action failed, and why. */
function Failure({ event }) {
  const f = event.vars?.failure;
  if (!f) return null;
  return html`<div class="error" data-testid="failure">${f.rule}: ${f.action} via ${f.instance} failed — ${f.error}</div>`;
}

/** The live stream: newest first, one row per event, with its matched rules and their actions. */
export function EventList({ entries, selected, onSelect }) {
  if (entries.length === 0) return html`<p class="muted">No events yet.</p>`;
  return html`<table class="events">
    <thead><tr><th>time</th><th>source</th><th>event</th><th>call</th><th>queue</th><th>agent</th><th>rules → actions</th></tr></thead>
    <tbody>
      ${entries.map((e) => {
        const failed = e.event.type === 'action.failed' || e.outcomes.some((o) => o.status !== 'ok');
        const classes = [e.seq === selected ? 'selected' : '', failed ? 'failed' : ''].join(' ').trim();
        return html`<tr data-testid="event-row" data-seq=${e.seq} class=${classes} onClick=${() => onSelect(e)}>
          <td>${timeOf(e.event.time)}</td>
          <td>${e.event.source}</td>
          <td>${e.event.type}${e.event.vendorEvent ? html` <span class="muted">${e.event.vendorEvent}</span>` : null}</td>
          <td class="id">${e.event.call?.id ?? ''}</td>
          <td>${e.event.call?.queue ?? ''}</td>
          <td>${agentOf(e.event)}</td>
          <td><${Failure} event=${e.event} /><${RuleGroups} entry=${e} /></td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** One call from offer to end: its events in order, what each fired, and how each action went. */
export function Timeline({ callId, entries }) {
  if (!callId) return html`<p class="muted">This event belongs to no call.</p>`;
  return html`<ol class="timeline" data-testid="timeline">
    ${entries.map(
      (e) => html`<li>
        <strong>${timeOf(e.event.time)} ${e.event.type}</strong>
        ${e.matched.length > 0 ? html` — ${e.matched.join(', ')}` : html` <span class="muted">no rule</span>`}
        <ul>
          ${e.outcomes.map(
            (o) => html`<li>
              <span class=${outcomeClass(o)}>${o.action}</span> via ${o.instance} <span class="muted">(${o.rule})</span>
              <code class="params">${JSON.stringify(o.params)}</code>${o.error ? html` <span class="error">${o.error}</span>` : null}
            </li>`,
          )}
        </ul>
      </li>`,
    )}
  </ol>`;
}
