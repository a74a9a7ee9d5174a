import { join } from 'node:path';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { XcallyEmulator } from '../src/testing/index.js';
import { adapterPath } from './support/daemonConfig.js';
import { HeldCrm } from './support/HeldCrm.js';

/**
 * A daemon stopped (SIGTERM, and separately SIGKILL) and restarted with the same state folder while calls
 * keep ringing: every call × peer the daemon received pops exactly once.
 *
 * What counts as received: xcally-realtime replays nothing, so an event sent while no daemon is connected
 * reaches nobody and can pop nothing. The emulator asks every client to acknowledge every event (`acks`)
 * and reports per event how many did; the adapter acknowledges once the event is recorded in the state.
 * Only acknowledged events count: each must have exactly one AgentCTI for its call and peer (0 lost), and
 * no call × peer may have two (0 doubled), received or not.
 *
 * Pops wait on a CRM lookup the test holds, so at the stop there are actions in flight at a known step
 * (not in the microseconds between a pop's durable "started" and its write, which would be reported as
 * `SWB_ACTION_UNCONFIRMED`, never silently lost).
 */
const rules = (crm: string) => `rules:
  - name: pop-after-lookup
    on: xcally.ringing
    do:
      - http: { url: "${crm}/lookup?call={{ call.id }}", timeout: 60000 }
        save: crm
        timeout: 60000
      - wakeup: { url: "http://crm.example/calls/{{ call.id }}?peer={{ call.peer }}" }
`;

const peers = ['SIP/andrea.bianco', 'SIP/john.doe'];

/** Call `n` rings on both agents: two events (ids differ by peer). */
function ringBoth(emulator: XcallyEmulator, n: number): void {
  for (const peer of peers) {
    emulator.emit({
      event: 'ringing',
      queue: 'Sales',
      uniqueid: `1700000100.${n}`,
      peer,
      agentnum: peer === peers[0] ? '1000' : '1001',
      callernum: '+3228887766',
      direction: 'inbound',
      ringing: true,
    });
  }
}

const callPeer = (uniqueid: unknown, peer: unknown) => `${String(uniqueid)} ${String(peer)}`;

/** AgentCTI commands per call × peer. */
function popsPerCallPeer(emulator: XcallyEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const command of emulator.received('AgentCTI')) {
    const url = new URL(String((command.payload as { url?: unknown }).url));
    const key = callPeer(url.pathname.split('/').at(-1), url.searchParams.get('peer'));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The call × peer of every `ringing` sent, split by whether a daemon acknowledged it. */
function ringsSent(emulator: XcallyEmulator): { received: string[]; notReceived: string[] } {
  const received: string[] = [];
  const notReceived: string[] = [];
  for (const event of emulator.emitted()) {
    const payload = event.payload as { uniqueid?: unknown; peer?: unknown };
    const key = callPeer(payload.uniqueid, payload.peer);
    if ((event.receivedBy ?? 0) > 0) received.push(key);
    else notReceived.push(key);
  }
  return { received, notReceived };
}

let dir: TempDir | undefined;
let emulator: XcallyEmulator | undefined;
let crm: HeldCrm | undefined;
const daemons: DaemonProcess[] = [];

afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop('SIGKILL')));
  await emulator?.close();
  await crm?.close();
  await dir?.remove();
  emulator = undefined;
  crm = undefined;
  dir = undefined;
});

async function start(config: string, cwd: string): Promise<DaemonProcess> {
  // The state folder of the config, the same across the restart.
  const daemon = await spawnDaemon(config, { cwd, env: { SWITCHBOARD_STATE_DIR: join(cwd, 'state') } });
  daemons.push(daemon);
  await daemon.waitForLog((l) => l.msg.startsWith('connected to xcally-realtime'), 'the connection', 15_000);
  return daemon;
}

describe.each<'SIGTERM' | 'SIGKILL'>(['SIGTERM', 'SIGKILL'])(
  'xCALLY through a daemon %s and restart',
  (signal) => {
    it('bursts of calls before, during and after: 0 lost and 0 doubled pops per call × peer', async () => {
      crm = new HeldCrm();
      const crmUrl = await crm.listen();
      emulator = await XcallyEmulator.start({ profile: 'v2', acks: true });
      dir = await tempDir('xcally-crash-');
      await dir.write('rules.yaml', rules(crmUrl));
      const config = await dir.write(
        'switchboard.yaml',
        `adapters:
  xcally:
    use: ${JSON.stringify(adapterPath)}
    options:
      url: ${JSON.stringify(emulator.url)}
      protocol: v2
      reconnect: { initialMs: 50, maxMs: 300 }
rules: ["rules.yaml"]
state: { dir: state }
shutdown: { drainTimeout: 1000 }
log: { level: info, format: json }
`,
      );
      const first = await start(config, dir.path);
      await emulator.waitForClients(1);

      // Burst 1: 12 calls ring on two agents. A call's events run one after the other: the first agent's
      // 12 lookups are held, 8 of them answered (8 pops).
      for (let n = 0; n < 12; n += 1) ringBoth(emulator, n);
      await waitFor(() => crm?.held.length === 12, 'the first 12 lookups to be in flight', 15_000);
      crm.release(8);
      await emulator.waitForCommands('AgentCTI', 8, 15_000);
      // Those 8 calls' second agent: their lookups are held now.
      await waitFor(() => crm?.held.length === 12, "the second agent's lookups of those calls", 15_000);

      // The stop, with 16 pops to come: 12 wait on their lookups, 4 queued behind their call's first
      // event. Burst 2 rings while it stops (SIGTERM: the daemon still records what arrives while it
      // drains, and runs it after the restart).
      first.process.kill(signal);
      for (let n = 12; n < 18; n += 1) ringBoth(emulator, n);
      await first.exited;
      // Burst 3, with no daemon connected: these reach nobody.
      for (let n = 18; n < 24; n += 1) ringBoth(emulator, n);

      crm.release();
      const second = await start(config, dir.path);
      await emulator.waitForClients(1);
      // Burst 4 after the restart.
      for (let n = 24; n < 30; n += 1) ringBoth(emulator, n);

      // The new daemon acknowledges burst 4 (the emulator counts who did).
      const sent = emulator.emitted().length;
      await waitFor(
        () =>
          emulator
            ?.emitted()
            .slice(sent - 12)
            .every((e) => e.receivedBy === 1),
        'the acknowledgements of burst 4',
        15_000,
      );
      const { received, notReceived } = ringsSent(emulator);
      await waitFor(
        () => received.every((key) => popsPerCallPeer(emulator as XcallyEmulator).has(key)),
        'a pop for every call × peer received',
        30_000,
      );
      // A graceful stop finishes whatever is still in flight: nothing can arrive after it.
      expect(await second.stop('SIGTERM')).toBe(0);

      const pops = popsPerCallPeer(emulator);
      const lost = received.filter((key) => !pops.has(key));
      const doubled = [...pops].filter(([, count]) => count > 1).map(([key]) => key);
      expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });
      // The test exercised what it claims: pops of the first run, after the restart, and rings nobody got.
      expect(received.length).toBeGreaterThanOrEqual(24 + 12);
      expect(notReceived.length).toBeGreaterThanOrEqual(12);
      const rerun = second.logs.find((l) => / run again/.test(l.msg));
      expect(Number(rerun?.rerun)).toBeGreaterThanOrEqual(16);
    }, 120_000);
  },
);
