import type { AdapterEvents } from '@switchboard/core';
import { checkOptions } from '@switchboard/core/host';
import { createTestContext } from '@switchboard/core/testing';
import { waitFor } from '@switchboard/test-support';
import { describe, expect, it } from 'vitest';
import { xcallyAdapter } from '../manifest.js';
import type { XcallyOptions } from '../options.js';
import { XcallyInbound } from './XcallyInbound.js';

const ringing = {
  event: 'ringing',
  queue: 'Sales',
  uniqueid: '1700000200.1',
  peer: 'SIP/andrea.bianco',
  agentnum: '1000',
  ringing: true,
};

/**
 * An inbound whose context records events for real (core's dispatcher), with its `accept` held until the
 * test lets the commit through (or fails it), as a slow or broken state store would.
 */
function setUp() {
  const checked = checkOptions(xcallyAdapter, { url: 'http://127.0.0.1:1' });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const test = createTestContext({ instance: 'xcally', options: checked.options as XcallyOptions });
  const events = test.context.events as { accept: AdapterEvents['accept'] };
  const accept = events.accept.bind(events);
  const commits: { pass(): void; fail(error: Error): void }[] = [];
  events.accept = (input, options) =>
    new Promise((resolve, reject) =>
      commits.push({ pass: () => resolve(accept(input, options)), fail: reject }),
    );
  return { test, inbound: new XcallyInbound(test.context), commits };
}

describe('XcallyInbound', () => {
  it('acknowledges an event (when the server asks) only once core recorded it', async () => {
    const { test, inbound, commits } = setUp();
    let acks = 0;
    inbound.handle('ringing', [ringing, () => (acks += 1)]);
    await waitFor(() => commits.length === 1, 'the accept');
    await new Promise((resolve) => setImmediate(resolve));
    expect(acks).toBe(0);
    commits[0]?.pass();
    await waitFor(() => acks === 1, 'the acknowledgement');
    await waitFor(() => test.events.length === 1, 'the event to run');
    expect(test.events[0]?.id).toBe('xcally:ringing:1700000200.1:SIP/andrea.bianco');
  });

  it('does not acknowledge an event core could not record, and says so', async () => {
    const { test, inbound, commits } = setUp();
    let acks = 0;
    inbound.handle('ringing', [ringing, () => (acks += 1)]);
    await waitFor(() => commits.length === 1, 'the accept');
    commits[0]?.fail(new Error('the state store could not commit a write: disk full'));
    const line = await waitFor(
      () =>
        test.logs.find((l) => l.msg === 'an xCALLY event could not be recorded, so its rules did not run'),
      'the error line',
    );
    expect(line).toMatchObject({ level: 'error', eventId: 'xcally:ringing:1700000200.1:SIP/andrea.bianco' });
    expect(acks).toBe(0);
    expect(test.events).toEqual([]);
  });

  it('acknowledges a malformed payload at once (it is rejected, counted and logged)', () => {
    const { test, inbound, commits } = setUp();
    let acks = 0;
    inbound.handle('ringing', [{ event: 'ringing' }, () => (acks += 1)]);
    expect(acks).toBe(1);
    expect(commits).toEqual([]);
    expect(test.rejected.map((r) => r.reason)).toEqual(['missing-uniqueid']);
  });
});
