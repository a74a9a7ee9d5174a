import { type ActionContext, type ActionRequest, OriginPolicy } from '@switchboard/core';
import { checkOptions } from '@switchboard/core/host';
import { createTestContext, type TestContext } from '@switchboard/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import type { ThirdPartyOpenParams } from '../src/actionSpecs.js';
import { ThirdPartyOpenExecutor } from '../src/actions/ThirdPartyOpenExecutor.js';
import xucmgtAdapter from '../src/index.js';
import type { XucmgtOptions } from '../src/options.js';
import { PanePages } from '../src/pane/PanePages.js';
import { UserTokenVault } from '../src/secrets/UserTokenVault.js';

const running: TestContext<XucmgtOptions>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((ctx) => ctx.close()));
});

/** The executor in a real instance context, its pane pages served on a free port. */
async function setup() {
  const check = checkOptions(xucmgtAdapter, {});
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  const ctx = createTestContext({ instance: 'xucmgt', options: check.options as XucmgtOptions });
  running.push(ctx);
  const panes = new PanePages(ctx.context);
  panes.mount(OriginPolicy.from([], 'allowedOrigins'));
  const address = await ctx.listen();
  const vault = new UserTokenVault();
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
  const executor = new ThirdPartyOpenExecutor(ctx.context, panes, vault);
  const request = (params: Partial<ThirdPartyOpenParams>): ActionRequest<ThirdPartyOpenParams> => ({
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
  return { address, ctx, vault, answers, context, executor, request };
}

describe('ThirdPartyOpenExecutor', () => {
  test('answers once; a second answer is not sent and is logged', async () => {
    const { executor, request, context, answers, ctx } = await setup();
    expect(await executor.execute(request({ url: 'http://crm/1' }), context)).toEqual({
      delivered: true,
      action: 'open',
      event: 'EventEstablished',
    });
    expect(answers).toEqual([
      { action: 'open', event: 'EventEstablished', url: 'http://crm/1', autopause: false },
    ]);
    expect(await executor.execute(request({ url: 'http://crm/2' }), context)).toMatchObject({
      delivered: false,
    });
    expect(ctx.logs.filter((l) => /not sent/.test(l.msg))).toHaveLength(1);
  });

  test('pane: stores the call and the record and answers the pane URL, served with them', async () => {
    const { executor, request, context, answers, address } = await setup();
    await executor.execute(request({ pane: { record: { name: 'Acme' } }, title: 'Acme' }), context);
    const url = (answers[0] as { url: string }).url;
    expect(url).toMatch(new RegExp(`^${address}/adapters/xucmgt/pane/[0-9a-f-]{36}$`));
    const html = await (await fetch(url)).text();
    expect(html).toContain('<title>Acme</title>');
    expect(html).toContain('<dt>Caller</dt><dd>1001</dd>');
    expect(html).toContain('<dt>Queue</dt><dd>trucks</dd>');
    expect(html).toContain('<dl id="record"><dt>name</dt><dd>Acme</dd></dl>');
  });

  test('passToken adds the held JWT, and only while the request waits; the result never holds it', async () => {
    const { executor, request, context, answers, vault } = await setup();
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
    const { executor, request, context, answers, vault } = await setup();
    await vault.hold('e1', 'jwt.value.sig', async () =>
      executor.execute(request({ url: 'http://crm/p' }), context),
    );
    expect((answers[0] as { url: string }).url).toBe('http://crm/p');
  });

  test('url and pane together fail with XU_URL_AND_PANE, and nothing is answered', async () => {
    const { executor, request, context, answers } = await setup();
    await expect(executor.execute(request({ url: 'http://crm/p', pane: {} }), context)).rejects.toThrow(
      expect.objectContaining({ code: 'XU_URL_AND_PANE' }),
    );
    expect(answers).toEqual([]);
  });

  test('an answer that needs no I/O (a url, none) is given synchronously; a pane is stored first', async () => {
    const { executor, request, context, answers } = await setup();
    const result = executor.execute(request({ url: 'http://crm/sync' }), context);
    // Not a promise: the waiting POST has its answer in the same turn, before any other work.
    expect(result).not.toBeInstanceOf(Promise);
    expect(answers).toEqual([
      { action: 'open', event: 'EventEstablished', url: 'http://crm/sync', autopause: false },
    ]);
    const late = await setup();
    const paned = late.executor.execute(late.request({ pane: {} }), late.context);
    expect(paned).toBeInstanceOf(Promise);
    await paned;
    expect(late.answers).toEqual([
      expect.objectContaining({ action: 'open', url: expect.stringContaining('/pane/') }),
    ]);
  });
});
