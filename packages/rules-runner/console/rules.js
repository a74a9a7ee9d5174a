import { timeOf } from './api.js';
import { html } from './html.js';

/** The loaded rules: where each is written, what it listens to, how often it fired, how its actions went. */
export function RulesPanel({ loaded }) {
  if (!loaded) return html`<p class="muted">Loading…</p>`;
  return html`<div data-testid="rules">
    <p class="muted">${loaded.rules.length} rule(s) running · hot reload ${loaded.watching ? 'on' : 'off'}</p>
    <table class="rules">
      <thead><tr><th>rule</th><th>on</th><th>hits</th><th>last fired</th><th>failures</th></tr></thead>
      <tbody>
        ${loaded.rules.map(
          (r) => html`<tr data-testid="rule-row" data-rule=${r.name} class=${r.failures > 0 ? 'failed' : ''}>
            <td><strong>${r.name}</strong><br /><span class="muted">${r.file}:${r.line}:${r.col}</span></td>
            <td>${r.on.join(', ')}${r.from ? html`<br /><span class="muted">from ${r.from.join(', ')}</span>` : null}</td>
            <td data-testid="rule-hits">${r.hits}</td>
            <td>${timeOf(r.lastFired)}</td>
            <td>
              <span data-testid="rule-failures">${r.failures}</span>
              ${r.lastFailure ? html`<div class="error">${r.lastFailure.action}: ${r.lastFailure.error}</div>` : null}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
