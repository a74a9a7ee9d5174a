import { ManualClock, MemoryStateStore } from '@switchboard/core/testing';
import { describe, expect, test } from 'vitest';
import { PaneStore } from '../src/pane/PaneStore.js';
import { renderPanePage } from '../src/pane/renderPanePage.js';

describe('renderPanePage', () => {
  test('shows the caller, the queue and the chosen record fields, all escaped, with a Done button', () => {
    const html = renderPanePage(
      {
        title: 'Acme <Trucks>',
        caller: '+331"23',
        callerName: "O'Brien",
        queue: 'trucks',
        record: { name: '<img src=x onerror=alert(1)>', account: 'A-42', nested: { a: 1 }, secret: 's' },
        fields: ['name', 'account', 'nested', 'missing'],
      },
      '../pane.js',
    );
    expect(html).toContain('<title>Acme &lt;Trucks&gt;</title>');
    expect(html).toContain('<dd>O&#39;Brien +331&quot;23</dd>');
    expect(html).toContain('<dd>trucks</dd>');
    expect(html).toContain('<dd>&lt;img src=x onerror=alert(1)&gt;</dd>');
    expect(html).toContain('<dt>nested</dt><dd>{&quot;a&quot;:1}</dd>');
    expect(html).not.toContain('secret');
    expect(html).not.toContain('missing');
    expect(html).not.toContain('<img');
    expect(html).toContain('<button id="done" type="button">Done</button>');
    expect(html).toContain('<script src="../pane.js"></script>');
  });

  test('says so when no record matched; shows the first of a list', () => {
    expect(renderPanePage({ title: 'Caller', caller: '1001' }, 'p.js')).toContain('No CRM record matched');
    expect(renderPanePage({ title: 'C', record: null }, 'p.js')).toContain('No CRM record matched');
    const list = renderPanePage({ title: 'C', record: [{ name: 'First' }, { name: 'Second' }] }, 'p.js');
    expect(list).toContain('First');
    expect(list).not.toContain('Second');
  });
});

describe('PaneStore', () => {
  test('keeps content under unguessable ids in the state store until the TTL passes', async () => {
    const clock = new ManualClock();
    const state = new MemoryStateStore(clock);
    const store = new PaneStore(state, 1000);
    const a = await store.add({ title: 'A' });
    const b = await store.add({ title: 'B' });
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect((await store.get(a))?.title).toBe('A');
    // another store on the same state (the daemon restarted) serves it
    expect((await new PaneStore(state, 1000).get(b))?.title).toBe('B');
    clock.advance(1000);
    expect(await store.get(a)).toBeUndefined();
  });

  test('an id that is no page id reads nothing from the store', async () => {
    const state = new MemoryStateStore();
    await state.set('xu.pane/../other', { title: 'not a page' });
    const store = new PaneStore(state, 60_000);
    expect(await store.get('../other')).toBeUndefined();
    expect(await store.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
