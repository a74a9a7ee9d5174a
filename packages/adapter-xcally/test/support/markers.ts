import type { ReceivedCommand, XcallyEmulator } from '../../src/testing/index.js';

let sequence = 0;

/**
 * Waits until the daemon has answered everything sent so far: sends a `marker` event (the e2e rules
 * answer it with a notification titled `marker`), waits for that answer, then for `quietMs` without
 * any new command. Core handles different calls concurrently, so the marker alone does not prove the
 * events before it are done; the quiet period covers that, and catches late duplicates too.
 */
export async function settle(emulator: XcallyEmulator, timeoutMs = 5000, quietMs = 150): Promise<void> {
  sequence += 1;
  const n = String(sequence);
  emulator.emit({ event: 'marker', peer: 'SIP/marker', n });
  const deadline = Date.now() + timeoutMs;
  const answered = () =>
    emulator.received('AgentCTINotification').some((c) => isMarker(c) && payloadOf(c).body === n);
  while (!answered()) {
    if (Date.now() > deadline) throw new Error(`marker ${n} not answered within ${timeoutMs} ms`);
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
