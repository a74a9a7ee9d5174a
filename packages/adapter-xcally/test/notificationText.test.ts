import type { NormalizedEvent } from '@switchboard/core';
import { compileRuleSources, RuleCatalog } from '@switchboard/core/host';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../src/actions/buildCommand.js';
import { xcallyAdapter } from '../src/index.js';

const hostile = `<img src=x onerror="alert(1)"> O'Brien & Sons`;

/** The params of the rule's first action, rendered for `event` exactly as the engine renders them. */
function rendered(action: string, event: NormalizedEvent): Record<string, unknown> {
  const loaded = compileRuleSources(
    [{ file: 'rules.yaml', text: `rules:\n  - name: r\n    on: xcally.up\n    do:\n      - ${action}\n` }],
    {
      catalog: new RuleCatalog([{ name: 'xcally', manifest: xcallyAdapter }]),
    },
  );
  const compiled = loaded.ruleSet?.rules[0]?.actions[0];
  if (!compiled) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return compiled.params.render(event) as Record<string, unknown>;
}

const event: NormalizedEvent = {
  id: 'e1',
  type: 'call.answered',
  vendorEvent: 'xcally.up',
  source: 'xcally',
  time: '2026-03-01T10:00:00.000Z',
  call: { id: '1.1', callerName: hostile, peer: 'SIP/andrea.bianco' },
  vars: { note: hostile },
};

describe('notification title and body are text, as the xCALLY docs give them', () => {
  it('call data reaches AgentCTINotification exactly as it came, not HTML-escaped', () => {
    const params = rendered(
      'notification: { title: "Call from {{ call.callerName }}", body: "{{ vars.note }}" }',
      event,
    );
    const command = buildCommand('notification', params, event, new Date());
    expect(command).toEqual({
      name: 'AgentCTINotification',
      payload: { peer: 'SIP/andrea.bianco', type: 'info', title: `Call from ${hostile}`, body: hostile },
    });
  });

  it('the schema says so: x-template text, so a change to html is a decision, not an accident', () => {
    const properties = xcallyAdapter.actions.notification.params.properties;
    expect(properties.title['x-template']).toBe('text');
    expect(properties.body['x-template']).toBe('text');
  });
});
