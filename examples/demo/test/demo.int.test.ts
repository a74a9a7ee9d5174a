import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesRunnerBin, spawnDaemon, tempDir } from '@switchboard/test-support';
import { describe, expect, test } from 'vitest';

const config = fileURLToPath(new URL('../switchboard.yaml', import.meta.url));

describe('the demo (README: npm run demo)', () => {
  test('events flow, rules match and actions are carried out within seconds', async () => {
    const daemon = await spawnDaemon(config);
    try {
      const answered = await daemon.waitForLog(
        (l) => l.msg === 'event call.answered from pbx',
        'an answered call',
        15_000,
      );
      expect(answered.queue).toBe('Sales');
      await daemon.waitForLog((l) => l.msg === 'matched sales-order-popup', 'the popup rule');
      const popup = await daemon.waitForLog(
        (l) => typeof l.msg === 'string' && l.msg.startsWith('agent SIP/andrea.bianco opens'),
        'the simulated screen pop',
      );
      expect(popup.msg).toBe(
        'agent SIP/andrea.bianco opens http://webservice1/sales?ordernumber=A%26B%2F42%20%237&caller=%2B3228887766 (new_frame)',
      );
      // `curl /metrics` after the demo ran: non-zero counters for events, matches and actions.
      const metrics = await (await fetch(`${daemon.admin}/metrics`)).text();
      const value = (prefix: string) =>
        metrics
          .split('\n')
          .filter((l) => l.startsWith(prefix))
          .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
      expect(value('switchboard_events_total{source="pbx",type="call.')).toBeGreaterThan(0);
      expect(value('switchboard_rule_matches_total{rule="sales-order-popup"}')).toBeGreaterThan(0);
      expect(value('switchboard_actions_total{action="wakeup",instance="pbx",outcome="ok"}')).toBeGreaterThan(
        0,
      );
      expect(await daemon.stop()).toBe(0);
    } finally {
      await daemon.stop('SIGKILL');
    }
  });

  test('a second run on the same state folder (npm run demo again within hours) pops again', async () => {
    // What `npm run demo` twice does: the state folder (event ledger, call vars) is kept between runs.
    const dir = await tempDir('switchboard-demo-state-');
    const env = { SWITCHBOARD_STATE_DIR: join(dir.path, 'state') };
    const popped = (l: { msg: string }) =>
      typeof l.msg === 'string' && l.msg.startsWith('agent SIP/andrea.bianco opens http://webservice1/sales');
    try {
      for (const run of [1, 2]) {
        const daemon = await spawnDaemon(config, { env });
        try {
          await daemon.waitForLog(popped, `the screen pop of run ${run}`, 20_000);
          // In the run's first round of calls: its events were new, not taken for the last run's.
          const pop = await daemon.waitForLog(
            (l) => l.action === 'wakeup' && l.msg.startsWith('action wakeup via pbx ok'),
            `the pop's action line of run ${run}`,
          );
          expect(pop.eventId).toMatch(/#([0-9a-f]{6}-)?1$/);
          expect(await daemon.stop()).toBe(0);
        } finally {
          await daemon.stop('SIGKILL');
        }
      }
    } finally {
      await dir.remove();
    }
  }, 90_000);

  test('the demo’s rule tests pass', async () => {
    const child = spawn(process.execPath, [rulesRunnerBin(), 'test', '--config', config], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const code = await new Promise((r) => child.on('exit', r));
    expect(out).toContain('3 passed, 0 failed');
    expect(code).toBe(0);
  });
});
