import type { ActionContext, ActionRequest, Logger, RouteHost } from '@switchboard/core';
import { ManualClock } from '@switchboard/core/testing';
import { describe, expect, test } from 'vitest';
import { ThirdPartyOpenExecutor } from '../src/actions/ThirdPartyOpenExecutor.js';
import { PaneStore } from '../src/pane/PaneStore.js';
import { UserTokenVault } from '../src/secrets/UserTokenVault.js';

const routes: RouteHost = {
  prefix: '/adapters/xucmgt',
  register: () => undefined,
  url: (path = '') => `https://sb.example/adapters/xucmgt${path}`,
};

function setup() {
  const panes = new PaneStore(new ManualClock(), 60_000);
  const vault = new UserTokenVault();
  const infos: string[] = [];
  const logger = { info: (_: unknown, msg: string) => infos.push(msg) } as unknown as Logger;
  const answers: unknown[] = [];
  let open = true;
  const context: ActionContext = {
    signal: new AbortController().signal,
    setVars: () => undefined,
    answer: (value) => {
      if (!open) return false;
      answers.push(value);
      open = false;
      return true;
    },
  };
  const executor = new ThirdPartyOpenExecutor(panes, vault, routes, logger);
  const request = (params: Record<string, unknown>): ActionRequest => ({
    action: 'thirdPartyOpen',
    instance: 'xucmgt',
    rule: 'r',
    params: { action: 'open', event: 'established', autopause: false, ...params },
    event: {
      id: 'e1',
      type: 'call.offered',
      time: '2026-01-01T00:00:00Z',
      source: 'xucmgt',
      call: { id: 'c1', caller: '1001', queue: 'trucks' },
      vars: {},
    },
  });
  return { panes, vault, infos, answers, context, executor, request };
}

describe('ThirdPartyOpenExecutor', () => {
  test('answers once; a second answer is not sent and is logged', () => {
    const { executor, request, context, answers, infos } = setup();
    expect(executor.execute(request({ url: 'http://crm/1' }), context)).toEqual({
      delivered: true,
      action: 'open',
      event: 'EventEstablished',
    });
    expect(answers).toEqual([
      { action: 'open', event: 'EventEstablished', url: 'http://crm/1', autopause: false },
    ]);
    expect(executor.execute(request({ url: 'http://crm/2' }), context)).toMatchObject({ delivered: false });
    expect(infos[0]).toMatch(/not sent/);
  });

  test('pane: stores the call and the record and answers the pane URL', () => {
    const { executor, request, context, answers, panes } = setup();
    executor.execute(request({ pane: { record: { name: 'Acme' } }, title: 'Acme' }), context);
    const url = (answers[0] as { url: string }).url;
    const id = url.match(/^https:\/\/sb\.example\/adapters\/xucmgt\/pane\/([0-9a-f-]{36})$/)?.[1] ?? '';
    expect(panes.get(id)).toEqual({
      title: 'Acme',
      caller: '1001',
      queue: 'trucks',
      record: { name: 'Acme' },
    });
  });

  test('passToken adds the held JWT, and only while the request waits; the result never holds it', async () => {
    const { executor, request, context, answers, vault } = setup();
    const result = await vault.hold('e1', 'jwt.value.sig', async () =>
      executor.execute(
        request({ url: 'http://crm/p?x=1', passToken: { name: 't', in: 'fragment' } }),
        context,
      ),
    );
    expect((answers[0] as { url: string }).url).toBe('http://crm/p?x=1#t=jwt.value.sig');
    expect(JSON.stringify(result)).not.toContain('jwt.value');
    expect(vault.size).toBe(0);
  });

  test('without passToken the token stays out of the URL', async () => {
    const { executor, request, context, answers, vault } = setup();
    await vault.hold('e1', 'jwt.value.sig', async () =>
      executor.execute(request({ url: 'http://crm/p' }), context),
    );
    expect((answers[0] as { url: string }).url).toBe('http://crm/p');
  });
});
