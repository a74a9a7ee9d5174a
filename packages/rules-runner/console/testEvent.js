import { useEffect, useState } from 'preact/hooks';
import { postJson, timeOf } from './api.js';
import { Explain } from './explain.js';
import { html } from './html.js';

/** A recorded event as a starting point: what the daemon fills in itself is left out, so it is new. */
const asTyped = (event) => {
  const { id: _id, time: _time, source: _source, ...rest } = event;
  return JSON.stringify(rest, null, 2);
};

const typedExample = (source) =>
  JSON.stringify(
    {
      type: source?.events?.includes('call.answered')
        ? 'call.answered'
        : (source?.events?.[0] ?? 'call.offered'),
      call: { id: 'console-test-1', queue: 'Sales' },
      vars: {},
    },
    null,
    2,
  );

function Result({ result, dryRun }) {
  return html`<section class="test-result" data-testid="test-result">
    <p>
      <strong>${result.event?.type ?? ''}</strong>
      ${result.status === 'handled' ? '' : html` <span class="badge fail">${result.status}</span> ${result.error ?? ''}`}
      ${result.status === 'handled' && result.matched.length === 0 ? html` <span class="muted">no rule matched</span>` : null}
    </p>
    <ul>
      ${result.outcomes.map(
        (o) => html`<li data-testid="test-outcome">
          <span class="badge rule">${o.rule}</span>
          <span class=${o.status === 'ok' ? 'badge ok' : 'badge fail'}>${o.action}</span> via ${o.instance}
          ${o.status === 'ok' ? (dryRun ? ' would run' : ' done') : html` <span class="error">failed: ${o.error}</span>`}
          <code class="params">${JSON.stringify(o.params)}</code>
        </li>`,
      )}
    </ul>
    <${Explain} rules=${result.rules} event=${result.event} />
  </section>`;
}

/**
 * "Send a test event" (Node-RED's inject): pick an instance, start from a recorded event or type one,
 * and run it through the live rules, as a dry run (actions only shown) or for real.
 */
export function TestEventPanel({ sources, entries, selected }) {
  const [instance, setInstance] = useState('');
  const [text, setText] = useState('');
  const [vendor, setVendor] = useState(false);
  const [dryRun, setDryRun] = useState(true);
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState(undefined);
  const source = sources.find((s) => s.instance === instance) ?? sources[0];

  useEffect(() => {
    if (!instance && sources[0]) setInstance(sources[0].instance);
  }, [sources]);
  useEffect(() => {
    if (!text && source) setText(typedExample(source));
  }, [source]);

  const recorded = entries.filter((e) => e.event.source === source?.instance).slice(0, 50);
  const start = (seq) => {
    const entry = recorded.find((e) => String(e.seq) === seq);
    if (!entry) return;
    setVendor(false);
    setText(asTyped(entry.event));
  };
  const send = async () => {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setAnswer({ ok: false, problems: [`not JSON: ${error.message}`] });
      return;
    }
    setSending(true);
    const body = { instance: source.instance, dryRun, ...(vendor ? { vendor: parsed } : { event: parsed }) };
    const { answer: reply } = await postJson('/api/test-event', body).finally(() => setSending(false));
    setAnswer(reply);
  };

  if (sources.length === 0) return html`<p class="muted">No adapter instance to send from.</p>`;
  return html`<form class="test-event" data-testid="test-event" onSubmit=${(e) => {
    e.preventDefault();
    void send();
  }}>
    <label>from instance
      <select name="instance" value=${source?.instance} onChange=${(e) => setInstance(e.currentTarget.value)}>
        ${sources.map((s) => html`<option value=${s.instance}>${s.instance} (${s.adapter})</option>`)}
      </select>
    </label>
    <label>start from
      <select name="recorded" onChange=${(e) => start(e.currentTarget.value)}>
        <option value="">a typed event</option>
        ${selected && selected.event.source === source?.instance ? html`<option value=${selected.seq}>the selected event (${selected.event.type})</option>` : null}
        ${recorded.map(
          (e) =>
            html`<option value=${e.seq}>${timeOf(e.event.time)} ${e.event.type} ${e.event.call?.id ?? ''} ${e.event.call?.queue ?? ''}</option>`,
        )}
      </select>
    </label>
    ${
      source?.mapsVendorPayloads
        ? html`<label class="inline"><input type="checkbox" name="vendor" checked=${vendor} onChange=${(e) => setVendor(e.currentTarget.checked)} /> a ${source.adapter} payload (mapped by the adapter)</label>`
        : null
    }
    <textarea name="event" rows="10" spellcheck="false" value=${text} onInput=${(e) => setText(e.currentTarget.value)}></textarea>
    <div class="mode">
      <label class="inline"><input type="radio" name="mode" value="dry" checked=${dryRun} onChange=${() => setDryRun(true)} /> dry run: only show what would happen</label>
      <label class="inline"><input type="radio" name="mode" value="real" checked=${!dryRun} onChange=${() => setDryRun(false)} /> for real: carry the actions out</label>
    </div>
    <button type="submit" disabled=${sending} data-testid="send-test-event">${sending ? 'sending…' : dryRun ? 'Send (dry run)' : 'Send for real'}</button>
    ${answer && !answer.ok ? html`<ul class="error" data-testid="test-problems">${(answer.problems ?? [answer.message]).map((p) => html`<li>${p}</li>`)}</ul>` : null}
    ${answer?.ok ? answer.results.map((r) => html`<${Result} result=${r} dryRun=${answer.dryRun} />`) : null}
  </form>`;
}
