import { timeOf, where } from './api.js';
import { html } from './html.js';

const Problem = ({ p }) =>
  html`<li><code>${where(p)}</code> ${p.message} <span class="muted">[${p.code}]</span></li>`;

/** Every load of the rules, newest first: what started it, how many rules run, and what was wrong. */
export function ReloadsPanel({ reloads }) {
  if (reloads.length === 0) return html`<p class="muted">No reloads yet.</p>`;
  return html`<ol class="reloads" data-testid="reloads">
    ${reloads.map(
      (r) => html`<li class=${r.ok ? '' : 'failed'} data-testid="reload">
        <strong>${timeOf(r.time)}</strong> ${r.trigger}:
        ${
          r.ok
            ? html`<span class="badge ok">loaded</span> ${r.rules} rule(s)`
            : html`<span class="badge fail">failed</span> ${r.problems.length} problem(s); the previous ${r.rules} rule(s) keep running`
        }
        ${r.problems.length > 0 ? html`<ul class="problems">${r.problems.map((p) => html`<${Problem} p=${p} />`)}</ul>` : null}
        ${r.warnings.length > 0 ? html`<ul class="problems muted">${r.warnings.map((p) => html`<${Problem} p=${p} />`)}</ul>` : null}
      </li>`,
    )}
  </ol>`;
}

/** Shown while the last reload failed: the rules on disk are not the ones running. */
export function ReloadBanner({ last, onOpen }) {
  if (!last || last.ok) return null;
  const first = last.problems[0];
  return html`<div class="banner" role="alert" data-testid="reload-banner">
    Reload failed at ${timeOf(last.time)}: ${first ? html`<code>${where(first)}</code> ${first.message}` : 'see the problems'}
    ${last.problems.length > 1 ? ` (and ${last.problems.length - 1} more)` : ''} — the previous ${last.rules} rule(s) keep running.
    <button type="button" onClick=${onOpen}>details</button>
  </div>`;
}
