import { agentOf, timeOf } from './api.js';
import { html } from './html.js';

const outcomeClass = (o) => (o.status === 'ok' ? 'badge ok' : 'badge fail');

/** The live stream: newest first, one row per event, with its matched rules and action outcomes. */
export function EventList({ entries, selected, onSelect }) {
  if (entries.length === 0) return html`<p class="muted">No events yet.</p>`;
  return html`<table class="events">
    <thead><tr><th>time</th><th>source</th><th>event</th><th>call</th><th>queue</th><th>agent</th><th>rules → actions</th></tr></thead>
    <tbody>
      ${entries.map(
        (
          e,
        ) => html`<tr data-testid="event-row" data-seq=${e.seq} class=${e.seq === selected ? 'selected' : ''} onClick=${() => onSelect(e)}>
          <td>${timeOf(e.event.time)}</td>
          <td>${e.event.source}</td>
          <td>${e.event.type}${e.event.vendorEvent ? html` <span class="muted">${e.event.vendorEvent}</span>` : null}</td>
          <td>${e.event.call?.id ?? ''}</td>
          <td>${e.event.call?.queue ?? ''}</td>
          <td>${agentOf(e.event)}</td>
          <td>
            ${e.matched.map((r) => html`<span class="badge rule">${r}</span>`)}
            ${e.outcomes.map((o) => html`<span class=${outcomeClass(o)} title=${o.error ?? JSON.stringify(o.params)}>${o.action}</span>`)}
          </td>
        </tr>`,
      )}
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
              <span class=${outcomeClass(o)}>${o.action}</span> via ${o.instance}${' '}
              <code>${JSON.stringify(o.params)}</code>${o.error ? html` <span class="error">${o.error}</span>` : null}
            </li>`,
          )}
        </ul>
      </li>`,
    )}
  </ol>`;
}
