import type { ReceivedCommand, XcallyEmulator } from '../../src/testing/index.js';

let sequence = 0;

/**
 * Waits until the daemon has answered everything sent so far about `calls`: sends one `marker` event
 * per call (with that call's `uniqueid`) and one without a call, and waits for each answer (the e2e
 * rules answer a marker with a notification titled `marker`).
 *
 * Why per call: core runs the events of one call in order, each after the previous one's actions are
 * done, but different calls (and call-less events) concurrently. A marker without a call can be
 * answered before an earlier event of a call: when frames arrive in one read (a loaded machine), the
 * call's events wait their turn in its queue while the marker runs at once. A marker of the same call
 * waits behind them, and its answer leaves on the same socket after their commands, so it proves they
 * arrived. The quiet period after it only catches late duplicates.
 */
export async function settle(
  emulator: XcallyEmulator,
  calls: readonly string[],
  timeoutMs = 10_000,
  quietMs = 150,
): Promise<void> {
  const expected = new Set<string>();
  for (const uniqueid of [undefined, ...calls]) {
    sequence += 1;
    const n = String(sequence);
    expected.add(n);
    // Its own peer: with a uniqueid the event id is `xcally:marker:<uniqueid>:<peer>`, and a repeated
    // id would be ignored as a duplicate.
    emulator.emit({
      event: 'marker',
      peer: `SIP/marker-${n}`,
      n,
      ...(uniqueid !== undefined ? { uniqueid } : {}),
    });
  }
  const deadline = Date.now() + timeoutMs;
  const answered = () =>
    emulator
      .received('AgentCTINotification')
      .filter((c) => isMarker(c) && expected.has(String(payloadOf(c).body))).length === expected.size;
  while (!answered()) {
    if (Date.now() > deadline) {
      throw new Error(`markers ${[...expected].join(', ')} not all answered within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  let count = emulator.received().length;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 10));
    const now = emulator.received().length;
    if (now !== count) {
      count = now;
      since = Date.now();
    }
  }
}

export const payloadOf = (c: ReceivedCommand): Record<string, unknown> =>
  c.payload as Record<string, unknown>;

export const isMarker = (c: ReceivedCommand): boolean => payloadOf(c).title === 'marker';

/** Commands of one name, without the markers' answers. */
export function commands(emulator: XcallyEmulator, name: string): Record<string, unknown>[] {
  return emulator
    .received(name)
    .filter((c) => !isMarker(c))
    .map(payloadOf);
}
