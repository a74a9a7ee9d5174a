import { ManualClock } from '@switchboard/core/testing';
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
  test('keeps content under unguessable ids until the TTL passes', () => {
    const clock = new ManualClock();
    const store = new PaneStore(clock, 1000);
    const a = store.add({ title: 'A' });
    const b = store.add({ title: 'B' });
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
    expect(store.get(a)?.title).toBe('A');
    clock.advance(1000);
    expect(store.get(a)).toBeUndefined();
    store.add({ title: 'C' });
    expect(store.size).toBe(1);
  });

  test('drops the oldest pages when full', () => {
    const store = new PaneStore(new ManualClock(), 60_000, 2);
    const first = store.add({ title: '1' });
    store.add({ title: '2' });
    store.add({ title: '3' });
    expect(store.size).toBe(2);
    expect(store.get(first)).toBeUndefined();
  });
});
