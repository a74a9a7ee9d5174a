import { afterEach, describe, expect, test } from 'vitest';
import type { EventInput } from '../src/index.js';
import { startEcho } from './fixtures/echoRuntime.js';

let stop: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** An event the schema refuses (an unknown field in `call`), and one nested deeper than the limit. */
const offSchema: EventInput = {
  id: 'off',
  type: 'call.answered',
  call: { id: 'c1', queu: 'Sales' } as never,
};

describe('accept with `trusted`: events an adapter’s own mapping built are not checked again', () => {
  test('the schema check is skipped only when the adapter says so; de-duplication and the fill-in still apply', async () => {
    const { runtime } = await startEcho('rules: []\n');
    stop = () => runtime.stop();
    const [checked] = await runtime.dispatcher.accept([offSchema], 'a');
    expect(checked).toMatchObject({ status: 'rejected', error: expect.stringMatching(/queu/) });

    const [trusted] = await runtime.dispatcher.accept([{ ...offSchema, id: 'off-2' }], 'a', {
      trusted: true,
    });
    expect(trusted?.status).toBe('accepted');
    const report = trusted?.status === 'accepted' ? await trusted.done : undefined;
    expect(report?.event).toMatchObject({ id: 'off-2', source: 'a', vars: {} });
    expect(typeof report?.event?.time).toBe('string');

    const [again] = await runtime.dispatcher.accept([{ ...offSchema, id: 'off-2' }], 'a', { trusted: true });
    expect(again?.status).toBe('duplicate');
  });
});
