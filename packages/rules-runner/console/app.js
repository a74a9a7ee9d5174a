import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { agentOf, getJson, subscribe } from './api.js';
import { EventList, Timeline } from './events.js';
import { Explain } from './explain.js';
import { html } from './html.js';

const maxEntries = 1000;
const emptyFilter = { callId: '', queue: '', agent: '', source: '' };

function applyUpdate(entries, update) {
  if (update.kind === 'event') return [update.entry, ...entries].slice(0, maxEntries);
  return entries.map((e) => {
    if (e.seq !== update.seq) return e;
    if (update.kind === 'matched') return { ...e, matched: update.rules };
    if (update.kind === 'action') return { ...e, outcomes: [...e.outcomes, update.outcome] };
    return e;
  });
}

/** Live entries and a list from the API as one, newest first; of two copies, the one further along. */
function merge(live, list) {
  const bySeq = new Map(list.map((e) => [e.seq, e]));
  for (const e of live) {
    const other = bySeq.get(e.seq);
    if (!other || e.outcomes.length > other.outcomes.length) bySeq.set(e.seq, e);
  }
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, maxEntries);
}

function Instances({ instances }) {
  return html`<ul class="instances">
    ${instances.map(
      (
        i,
      ) => html`<li data-testid=${`instance-${i.name}`} class=${`state ${i.status.state}`} title=${i.status.detail ?? ''}>
        <strong>${i.name}</strong> <span class="muted">${i.adapter}</span> ${i.status.state}
      </li>`,
    )}
  </ul>`;
}

function Filters({ filter, setFilter }) {
  const field = (key, placeholder) =>
    html`<input placeholder=${placeholder} name=${key} value=${filter[key]} onInput=${(e) => setFilter({ ...filter, [key]: e.currentTarget.value.trim() })} />`;
  return html`<form class="filters" onSubmit=${(e) => e.preventDefault()}>
    ${field('callId', 'call id')} ${field('queue', 'queue')} ${field('agent', 'agent')} ${field('source', 'source')}
    <button type="button" onClick=${() => setFilter(emptyFilter)}>clear</button>
  </form>`;
}

function App() {
  const [instances, setInstances] = useState([]);
  const [entries, setEntries] = useState([]);
  const [stream, setStream] = useState('connecting');
  const [filter, setFilter] = useState(emptyFilter);
  const [selected, setSelected] = useState(undefined);
  const [explained, setExplained] = useState(undefined);
  const [timeline, setTimeline] = useState([]);
  const [tab, setTab] = useState('explain');

  useEffect(() => {
    // On every (re)opening of the stream: what it may have missed meanwhile comes from the API.
    const load = () => {
      getJson('/api/instances').then(setInstances);
      getJson('/api/events?limit=300').then((list) => setEntries((live) => merge(live, list)));
    };
    const onState = (state) => {
      setStream(state);
      if (state === 'live') load();
    };
    load();
    return subscribe((update) => {
      if (update.kind === 'adapter') {
        setInstances((list) =>
          list.map((i) => (i.name === update.instance ? { ...i, status: update.status } : i)),
        );
      } else if (update.kind !== 'rules') {
        setEntries((list) => applyUpdate(list, update));
      }
    }, onState);
  }, []);

  const select = async (entry) => {
    setSelected(entry);
    setExplained(await getJson(`/api/events/${entry.seq}/explain`));
    setTimeline(
      entry.event.call ? await getJson(`/api/calls/${encodeURIComponent(entry.event.call.id)}`) : [],
    );
  };

  // The selected call's timeline: what the daemon had when selected, plus what arrived since.
  const callTimeline = useMemo(() => {
    const callId = selected?.event.call?.id;
    if (!callId) return [];
    const bySeq = new Map(timeline.map((e) => [e.seq, e]));
    for (const e of entries) if (e.event.call?.id === callId) bySeq.set(e.seq, e);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }, [selected, timeline, entries]);

  const shown = useMemo(
    () =>
      entries.filter((e) => {
        const ev = e.event;
        return (
          (!filter.callId || ev.call?.id === filter.callId) &&
          (!filter.queue || ev.call?.queue === filter.queue) &&
          (!filter.agent || agentOf(ev) === filter.agent || ev.call?.peer === filter.agent) &&
          (!filter.source || ev.source === filter.source)
        );
      }),
    [entries, filter],
  );

  return html`<header>
      <h1>Switchboard</h1>
      <${Instances} instances=${instances} />
      <span class=${`stream ${stream}`} data-testid="stream-state">${stream}</span>
    </header>
    <main>
      <section class="stream-pane">
        <${Filters} filter=${filter} setFilter=${setFilter} />
        <${EventList} entries=${shown} selected=${selected?.seq} onSelect=${select} />
      </section>
      <aside class="detail-pane">
        <nav>
          ${['explain', 'timeline', 'event'].map((t) => html`<button class=${tab === t ? 'active' : ''} data-testid=${`tab-${t}`} onClick=${() => setTab(t)}>${t}</button>`)}
        </nav>
        ${tab === 'explain' ? html`<${Explain} explained=${explained} />` : null}
        ${tab === 'timeline' ? html`<${Timeline} callId=${selected?.event.call?.id} entries=${callTimeline} />` : null}
        ${tab === 'event' ? html`<pre data-testid="event-json">${selected ? JSON.stringify(explained?.data ?? selected.event, null, 2) : ''}</pre>` : null}
      </aside>
    </main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
