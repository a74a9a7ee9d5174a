import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { agentOf, getJson, holds, subscribe } from './api.js';
import { EventList, Timeline } from './events.js';
import { Explain } from './explain.js';
import { html } from './html.js';
import { ReloadBanner, ReloadsPanel } from './reloads.js';
import { RulesPanel } from './rules.js';
import { TestEventPanel } from './testEvent.js';

const maxEntries = 1000;
/** Updates held while paused; past this many the list is fetched again on resume instead. */
const maxHeld = 5000;
const emptyFilter = { callId: '', queue: '', agent: '', source: '', rule: '' };
const tabs = ['explain', 'timeline', 'event', 'rules', 'reloads', 'send'];
const tabNames = { send: 'send test event' };

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
        ${i.role ? html` <span class=${`role ${i.role}`} data-testid=${`role-${i.name}`}>${i.role}</span>` : ''}
        ${(i.connections ?? [])
          .filter((c) => c.lease)
          .map(
            (c) =>
              html` <span class="muted lease" title=${`${c.lease.standby} standby · since ${c.lease.since}`}>${c.name}${c.lease.fence !== undefined ? ` fence ${c.lease.fence}` : ''}</span>`,
          )}
      </li>`,
    )}
  </ul>`;
}

/** This node's recent lease changes (several nodes on one Redis): who took over what, and when. */
function Leases({ leases }) {
  if (!leases || leases.changes.length === 0) return '';
  return html`<section class="leases" data-testid="leases">
    <h3>Leases on node ${leases.node}</h3>
    <ul>
      ${leases.changes.map(
        (c) =>
          html`<li class=${`lease ${c.change}`}>${new Date(c.at).toLocaleTimeString()} ${c.instance}/${c.connection} ${c.change} (fence ${c.fence}${c.replayed ? `, ${c.replayed} held event(s) run` : ''})</li>`,
      )}
    </ul>
  </section>`;
}

function Filters({ filter, setFilter }) {
  const field = (key, placeholder) =>
    html`<input placeholder=${placeholder} name=${key} value=${filter[key]} onInput=${(e) => setFilter({ ...filter, [key]: e.currentTarget.value.trim() })} />`;
  return html`<form class="filters" onSubmit=${(e) => e.preventDefault()}>
    ${field('callId', 'call id')} ${field('queue', 'queue')} ${field('agent', 'agent')} ${field('source', 'source')} ${field('rule', 'rule')}
    <button type="button" onClick=${() => setFilter(emptyFilter)}>clear</button>
  </form>`;
}

/** Every filter is a case-insensitive substring of its field. */
const passes = (filter) => (e) => {
  const ev = e.event;
  return (
    holds(ev.call?.id, filter.callId) &&
    holds(ev.call?.queue, filter.queue) &&
    (!filter.agent || [agentOf(ev), ev.call?.peer, ev.agent?.peer].some((a) => holds(a, filter.agent))) &&
    holds(ev.source, filter.source) &&
    (!filter.rule || [...e.matched, ev.vars?.failure?.rule].some((r) => r && holds(r, filter.rule)))
  );
};

function App() {
  const [instances, setInstances] = useState([]);
  const [entries, setEntries] = useState([]);
  const [stream, setStream] = useState('connecting');
  const [filter, setFilter] = useState(emptyFilter);
  const [selected, setSelected] = useState(undefined);
  const [explained, setExplained] = useState(undefined);
  const [timeline, setTimeline] = useState([]);
  const [tab, setTab] = useState('explain');
  const [rules, setRules] = useState(undefined);
  const [reloads, setReloads] = useState([]);
  const [sources, setSources] = useState([]);
  const [leases, setLeases] = useState(undefined);
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState(0);
  const pausedRef = useRef(false);
  const heldRef = useRef([]);
  const rulesTimer = useRef(undefined);

  useEffect(() => {
    const loadRules = () => getJson('/api/rules').then(setRules);
    // Hits and failures change with every matched event: fetched again at most once a second.
    const soonRules = () => {
      rulesTimer.current ??= setTimeout(() => {
        rulesTimer.current = undefined;
        void loadRules();
      }, 1000);
    };
    // On every (re)opening of the stream: what it may have missed meanwhile comes from the API.
    const load = () => {
      getJson('/api/instances').then(setInstances);
      // While paused the list stands still: what the stream missed is fetched again on resume.
      if (pausedRef.current) heldRef.current.push({ kind: 'reload-list' });
      else getJson('/api/events?limit=300').then((list) => setEntries((live) => merge(live, list)));
      getJson('/api/reloads').then(setReloads);
      getJson('/api/sources').then(setSources);
      getJson('/api/leases').then(setLeases);
      void loadRules();
    };
    const onState = (state) => {
      setStream(state);
      if (state === 'live') load();
    };
    load();
    return subscribe((update) => {
      if (update.kind === 'adapter') {
        // A change of state may be a change of role (holder, standby): the list says both.
        getJson('/api/instances').then(setInstances);
      } else if (update.kind === 'lease') {
        setLeases((l) => ({
          node: l?.node ?? update.change.node,
          changes: [update.change, ...(l?.changes ?? [])].slice(0, 50),
        }));
        getJson('/api/instances').then(setInstances);
      } else if (update.kind === 'state') {
        getJson('/api/instances').then(setInstances);
      } else if (update.kind === 'reload') {
        setReloads((list) =>
          [update.record, ...list.filter((r) => r.seq !== update.record.seq)].slice(0, 20),
        );
        void loadRules();
      } else if (update.kind === 'rules') {
        void loadRules();
      } else {
        if (update.kind !== 'event') soonRules();
        if (pausedRef.current) {
          heldRef.current.push(update);
          if (update.kind === 'event') setHeld((n) => n + 1);
        } else setEntries((list) => applyUpdate(list, update));
      }
    }, onState);
  }, []);

  const togglePause = () => {
    if (!pausedRef.current) {
      pausedRef.current = true;
      setPaused(true);
      return;
    }
    pausedRef.current = false;
    setPaused(false);
    const updates = heldRef.current;
    heldRef.current = [];
    setHeld(0);
    if (updates.length > maxHeld || updates.some((u) => u.kind === 'reload-list'))
      getJson('/api/events?limit=300').then((list) =>
        setEntries((live) => merge(updates.reduce(applyUpdate, live), list)),
      );
    else setEntries((list) => updates.reduce(applyUpdate, list));
  };

  const select = async (entry) => {
    setSelected(entry);
    if (tab !== 'explain' && tab !== 'timeline' && tab !== 'event' && tab !== 'send') setTab('explain');
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

  const shown = useMemo(() => entries.filter(passes(filter)), [entries, filter]);

  return html`<header>
      <h1>Switchboard</h1>
      <${Instances} instances=${instances} />
      <${Leases} leases=${leases} />
      <button type="button" class="pause" data-testid="pause" onClick=${togglePause}>
        ${paused ? `Resume${held > 0 ? ` (${held} new)` : ''}` : 'Pause'}
      </button>
      <span class=${`stream ${paused ? 'paused' : stream}`} data-testid="stream-state">${paused ? 'paused' : stream}</span>
    </header>
    <${ReloadBanner} last=${reloads[0]} onOpen=${() => setTab('reloads')} />
    <main>
      <section class="stream-pane">
        <${Filters} filter=${filter} setFilter=${setFilter} />
        <${EventList} entries=${shown} selected=${selected?.seq} onSelect=${select} />
      </section>
      <aside class="detail-pane">
        <nav>
          ${tabs.map((t) => html`<button class=${tab === t ? 'active' : ''} data-testid=${`tab-${t}`} onClick=${() => setTab(t)}>${tabNames[t] ?? t}</button>`)}
        </nav>
        ${tab === 'explain' ? html`<${Explain} rules=${explained?.rules} event=${explained?.entry.event} />` : null}
        ${tab === 'timeline' ? html`<${Timeline} callId=${selected?.event.call?.id} entries=${callTimeline} />` : null}
        ${tab === 'event' ? html`<pre data-testid="event-json">${selected ? JSON.stringify(explained?.data ?? selected.event, null, 2) : ''}</pre>` : null}
        ${tab === 'rules' ? html`<${RulesPanel} loaded=${rules} />` : null}
        ${tab === 'reloads' ? html`<${ReloadsPanel} reloads=${reloads} />` : null}
        ${tab === 'send' ? html`<${TestEventPanel} sources=${sources} entries=${entries} selected=${selected} />` : null}
      </aside>
    </main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
