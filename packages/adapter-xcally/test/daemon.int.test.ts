import { type DaemonProcess, spawnDaemon, type TempDir, tempDir } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorProfile, toScenario, XcallyEmulator } from '../src/testing/index.js';
import { upPayload, writeConfig } from './support/daemonConfig.js';
import { commands, settle } from './support/markers.js';

const lines = (daemon: DaemonProcess, prefix: string) => daemon.logs.filter((l) => l.msg.startsWith(prefix));
const connectedLines = (daemon: DaemonProcess) => lines(daemon, 'connected to xcally-realtime');

/** A `ringing` or `hangup` of the Sales call `uniqueid`, shaped like `up`. */
function callEvent(event: 'ringing' | 'hangup', uniqueid: string): Record<string, unknown> {
  const { up: _up, holdtime: _h, ringtime: _r, ...rest } = upPayload(uniqueid, 'Sales');
  return { ...rest, event, [event]: true };
}

/** `switchboard_input_rejected_total` of the xcally instance, by reason, from the admin `/metrics`. */
async function rejectedMetric(daemon: DaemonProcess): Promise<Record<string, number>> {
  const text = await (await fetch(`${daemon.admin}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, reason, value] of text.matchAll(
    /^switchboard_input_rejected_total\{[^}]*source="xcally"[^}]*reason="([^"]+)"[^}]*\} (\d+)$/gm,
  )) {
    counts[reason as string] = Number(value);
  }
  return counts;
}

/** Waits for one more log line starting with `prefix` than there were when `count` was taken. */
function nextLine(daemon: DaemonProcess, prefix: string, what: string) {
  const count = lines(daemon, prefix).length;
  return () => daemon.waitForLog(() => lines(daemon, prefix).length > count, what);
}

/**
 * End to end through the real `rules-runner start` process, against the emulator speaking each
 * socket.io generation (the adapter is on `protocol: auto`, so it also has to pick the right client).
 */
describe.each<EmulatorProfile>(['v2', 'v4'])('rules-runner start ↔ emulator (%s profile)', (profile) => {
  let dir: TempDir;
  let emulator: XcallyEmulator;
  let daemon: DaemonProcess;

  beforeAll(async () => {
    dir = await tempDir('xcally-e2e-');
    emulator = await XcallyEmulator.start({ profile });
    const url = emulator.url;
    daemon = await spawnDaemon(await writeConfig(dir, { url }), { cwd: dir.path });
    await daemon.waitForLog((l) => l.msg.startsWith('connected to xcally-realtime'), 'the first connection');
  });

  afterAll(async () => {
    await daemon?.stop();
    await emulator?.close();
    await dir?.remove();
  });

  it(`picks the socket.io ${profile} client by probing the server`, () => {
    expect(daemon.logs.some((l) => l.msg.endsWith(`using the ${profile} client`))).toBe(true);
  });

  it('up in Sales with an order number → exactly one AgentCTI for the peer, URL encoded, new_frame', async () => {
    emulator.clearReceived();
    emulator.emit(upPayload('1599601698.94', 'Sales', { ordernumber: 'A&B/42 #7' }));
    emulator.emit(upPayload('1599601698.95', 'Support', { ordernumber: '1' }));
    await settle(emulator, ['1599601698.94', '1599601698.95']);
    expect(commands(emulator, 'AgentCTI')).toEqual([
      {
        url: 'http://webservice1/sales?ordernumber=A%26B%2F42%20%237',
        peer: 'SIP/andrea.bianco',
        mode: 'new_frame',
      },
    ]);
  });

  it('a long wait → exactly one AgentCTINotification for the peer', async () => {
    emulator.clearReceived();
    emulator.emit(upPayload('1599601700.11', 'Support', { holdtime: '75', peer: 'SIP/john.doe' }));
    await settle(emulator, ['1599601700.11']);
    expect(commands(emulator, 'AgentCTINotification')).toEqual([
      { peer: 'SIP/john.doe', type: 'warning', title: 'Long wait', body: '+3228887766 waited 75 s' },
    ]);
  });

  it('abandon (no agent fields) → exactly one RealtimeCTI with the call data and the time', async () => {
    emulator.clearReceived();
    const abandon = {
      event: 'abandon',
      queue: 'Support',
      direction: 'unmanaged',
      uniqueid: '1599601824.96',
      callernum: '1003',
      callername: 'telephone',
      holdtime: '4',
      unmanaged: true,
    };
    emulator.emit(abandon);
    await settle(emulator, [abandon.uniqueid]);
    const [pushed, ...more] = commands(emulator, 'RealtimeCTI');
    expect(more).toEqual([]);
    expect(pushed).toMatchObject({
      type: 'callbacks',
      reference: '1599601824.96',
      url: 'http://crm.example/callbacks/new?number=1003&queue=Support',
      channel: abandon,
    });
    const time = (pushed?.channel as { time?: string } | undefined)?.time ?? '';
    expect(Date.parse(time)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('the same vendor event delivered twice fires its rules once', async () => {
    emulator.clearReceived();
    const up = upPayload('1599601698.99', 'Sales', { ordernumber: '99' });
    emulator.emit(up);
    emulator.emit(up);
    await settle(emulator, [up.uniqueid]);
    expect(commands(emulator, 'AgentCTI')).toHaveLength(1);
  });

  it('malformed payloads are rejected and logged; the connection and the next events go on', async () => {
    emulator.clearReceived();
    emulator.emit('not an object', 'up');
    emulator.emit({ queue: 'Sales', uniqueid: '1.1' }, 'up');
    emulator.emit(upPayload('1599601701.1', 'Sales', { callername: 'x'.repeat(5000) }));
    emulator.emit(
      upPayload('1599601701.4', 'Sales', { notes: Array.from({ length: 20 }, () => 'y'.repeat(4000)) }),
    );
    emulator.emit(upPayload('1599601701.2', 'Sales', { uniqueid: 1599601701.2 }));
    emulator.emit(upPayload('1599601701.3', 'Sales', { ordernumber: 'after' }));
    await settle(emulator, ['1599601701.3']);
    expect(commands(emulator, 'AgentCTI')).toEqual([
      { url: 'http://webservice1/sales?ordernumber=after', peer: 'SIP/andrea.bianco', mode: 'new_frame' },
    ]);
    // The log comes through a pipe, the answers through the socket: wait for the lines themselves.
    const rejections = () => daemon.logs.filter((l) => l.msg === 'input rejected');
    await daemon.waitForLog(() => rejections().length >= 5, 'the five rejections');
    const rejected = rejections().map((l) => [l.reason, l.field]);
    expect(rejected).toEqual([
      ['not-an-object', undefined],
      ['missing-event', 'event'],
      ['string-too-long', 'callername'],
      ['payload-too-large', undefined],
      ['invalid-field', 'uniqueid'],
    ]);
    const logged = JSON.stringify(daemon.logs);
    expect(logged.includes('xxxxxxxxxx') || logged.includes('yyyyyyyyyy')).toBe(false);
    expect(await rejectedMetric(daemon)).toEqual({
      'not-an-object': 1,
      'missing-event': 1,
      'string-too-long': 1,
      'payload-too-large': 1,
      'invalid-field': 1,
    });
    expect(connectedLines(daemon)).toHaveLength(1);
  });

  it('kill the emulator mid-scenario, restart it: loss logged, reconnected, next events fire exactly once', async () => {
    const duplicates = lines(daemon, 'duplicate event ignored').length;
    for (const round of [1, 2]) {
      emulator.clearReceived();
      const lost = nextLine(daemon, 'lost the connection', 'the loss to be logged');
      const unreachable = nextLine(daemon, 'cannot reach xcally-realtime', 'a failed reconnect attempt');
      const reconnected = nextLine(daemon, 'connected to xcally-realtime', 'the reconnection');
      const [first, second] = [`1599602000.${round}1`, `1599602000.${round}2`];
      await emulator.play(
        toScenario({
          steps: [
            { payload: callEvent('ringing', first) },
            { delayMs: 20, payload: upPayload(first, 'Sales', { ordernumber: `before-${round}` }) },
          ],
        }),
      );
      await settle(emulator, [first]);
      expect(commands(emulator, 'AgentCTI').map((c) => c.url)).toEqual([
        `http://webservice1/sales?ordernumber=before-${round}`,
      ]);
      await emulator.kill(); // like a crash: connections cut, no socket.io goodbye
      await lost();
      await unreachable();
      await emulator.restart();
      await reconnected();
      await emulator.play(
        toScenario({
          steps: [
            { payload: callEvent('hangup', first) },
            { payload: callEvent('ringing', second) },
            { delayMs: 20, payload: upPayload(second, 'Sales', { ordernumber: `after-${round}` }) },
          ],
        }),
      );
      await settle(emulator, [first, second]);
      expect(commands(emulator, 'AgentCTI').map((c) => c.url)).toEqual([
        `http://webservice1/sales?ordernumber=before-${round}`,
        `http://webservice1/sales?ordernumber=after-${round}`,
      ]);
    }
    expect(lines(daemon, 'lost the connection').map((l) => l.level)).toEqual([40, 40]);
    // Each message reached the adapter once: no second listener (core's de-duplication would hide it).
    expect(lines(daemon, 'duplicate event ignored')).toHaveLength(duplicates);
    expect(daemon.process.exitCode).toBeNull();
  });
});
