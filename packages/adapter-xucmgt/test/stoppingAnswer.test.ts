import type { EventInput, RequestOutcome } from '@switchboard/core';
import { checkOptions } from '@switchboard/core/host';
import { createTestContext } from '@switchboard/core/testing';
import { afterEach, expect, test } from 'vitest';
import xucmgtAdapter from '../src/index.js';
import type { XucmgtContext, XucmgtOptions } from '../src/options.js';
import { UserTokenVault } from '../src/secrets/UserTokenVault.js';
import { sampleRequest } from '../src/testing/index.js';
import { XucmgtInbound } from '../src/transport/XucmgtInbound.js';

const contexts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

test('a POST answered `none` because the daemon was stopping is not kept: its repeat runs the rules', async () => {
  // repeatWindow on and the user's JWT in the body: POSTs of the same ring share their answer.
  const check = checkOptions(xucmgtAdapter, { repeatWindow: 30 });
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  const test = createTestContext({ instance: 'xucmgt', options: check.options as XucmgtOptions });
  contexts.push(test);
  // Core's real events port, except that its first answer is the one a draining dispatcher gives.
  const outcomes: RequestOutcome[] = [
    { answered: false, reason: 'stopping' },
    { answered: true, rule: 'open-crm', value: { action: 'open', url: 'http://crm/1', autopause: false } },
  ];
  const asked: EventInput[] = [];
  const events = Object.create(test.context.events) as typeof test.context.events;
  events.request = async <T>(event: EventInput) => {
    asked.push(event);
    return outcomes.shift() as RequestOutcome<T>;
  };
  const ctx = { ...test.context, events } as unknown as XucmgtContext;
  const inbound = new XucmgtInbound(ctx, new UserTokenVault());
  const body = sampleRequest('2024', { callId: 'c1', token: 'jwt-a' });

  const during = await inbound.handle(body, 'req-1');
  expect(during).toEqual({ status: 200, body: { action: 'none' } });
  const after = await inbound.handle(body, 'req-1');
  expect(after.body).toMatchObject({ action: 'open', url: 'http://crm/1' });
  expect(asked).toHaveLength(2);
  expect(test.logs.some((l) => /daemon is stopping: answered XucMgt none, not kept/.test(l.msg))).toBe(true);
});
