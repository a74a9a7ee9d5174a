import { compileRuleSources, RuleCatalog, validateManifest } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import xucmgtAdapter, { mapVendorEvent } from '../src/index.js';
import { fixture } from './support/fixtures.js';

const catalog = new RuleCatalog([{ name: 'xucmgt', manifest: xucmgtAdapter }]);
const compile = (action: string) =>
  compileRuleSources(
    [
      {
        file: 'rules.yaml',
        text: `rules:\n  - name: r\n    on: call.offered\n    do:\n      - thirdPartyOpen: ${action}\n`,
      },
    ],
    { catalog },
  );

describe('the xucmgt manifest', () => {
  test('is a valid manifest with an answering thirdPartyOpen', () => {
    expect(validateManifest(xucmgtAdapter, '@switchboard/adapter-xucmgt')).toBe(xucmgtAdapter);
    expect(xucmgtAdapter.name).toBe('xucmgt');
    expect(xucmgtAdapter.actions.thirdPartyOpen?.answers).toBe(true);
    // Not run again after a restart: the asker is gone; repeats get the stored answer.
    expect(xucmgtAdapter.actions.thirdPartyOpen?.delivery).toBe('answer');
  });

  test('mapVendorEvent maps a recorded POST body and refuses what is not one', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const [event] = mapVendorEvent(fixture('request-2024'), { source: 'xucmgt', now });
    expect(event).toMatchObject({ type: 'call.offered', call: { id: '1717000123.45', queue: 'trucks' } });
    expect(JSON.stringify(event)).not.toContain('Zml4dHVyZS1zaWduYXR1cmUtMjAyNA');
    expect(() => mapVendorEvent({ user: 'x' }, { source: 'xucmgt', now })).toThrow(
      /not a XucMgt third-party request: `user` must be object/,
    );
  });

  test('rules using thirdPartyOpen are checked when they load', () => {
    expect(compile('{ url: "http://crm/{{ call.caller }}", autopause: true }').errors).toEqual([]);
    expect(compile('{ pane: { record: "{{ vars.crm }}" } }').errors).toEqual([]);
    expect(compile('{ action: none }').errors).toEqual([]);
    const missing = compile('{ event: ringing }').errors;
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.map((e) => e.format())).toEqual([
      'rules.yaml:5:25 `thirdPartyOpen` needs `url` or `pane` [SWB_SCHEMA]',
    ]);
    expect(compile('{ action: popup }').errors.length).toBe(1);
    expect(compile('{ url: "http://a", event: answered }').errors[0]?.format()).toMatch(
      /must be one of "ringing", "established", "released"/,
    );
  });
});
