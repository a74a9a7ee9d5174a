import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LogLine, launchChromium, spawnDaemon, tempDir, waitFor } from '@switchboard/test-support';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';

const demo = fileURLToPath(new URL('../../', import.meta.url));
const screenshots = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** A CRM that refuses every interaction: the `http` action of a rule fails for real. */
async function refusingCrm(): Promise<{ server: Server; url: string; posts: () => number }> {
  let posts = 0;
  const server = createServer((req, res) => {
    posts += 1;
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"maintenance"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, posts: () => posts };
}

/** The demo in a folder of its own (its rule files get edited), plus a rule whose CRM call fails. */
async function demoCopy(crm: string) {
  const dir = await tempDir('switchboard-console-');
  await cp(join(demo, 'rules'), join(dir.path, 'rules'), { recursive: true });
  const config = (await readFile(join(demo, 'switchboard.yaml'), 'utf8'))
    .replace('scenario: scenario.yaml', `scenario: ${JSON.stringify(join(demo, 'scenario.yaml'))}`)
    .replace('speed: 1', 'speed: 2');
  await dir.write('switchboard.yaml', `${config}\nadmin: { journal: 500 }\n`);
  await dir.write(
    'rules/crm.yaml',
    `rules:
  - name: log-call-in-crm
    on: call.ended
    do:
      - http:
          method: POST
          url: "${crm}/interactions"
          body: { call: "{{ call.id }}", queue: "{{ call.queue }}", talk: "{{ call.talkSeconds }}" }
          timeout: 3000
`,
  );
  return dir;
}

const shoot = async (page: Page, name: string) => {
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });
};

/** Nothing in the detail panel is wider than the panel (JSON, URLs and ids wrap instead). */
const panelFits = (page: Page) =>
  page.locator('.detail-pane').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);

describe('the console for operators (real Chromium, the demo daemon)', () => {
  test('rules with hits, a failed action under its rule, a failed reload at file:line:col, pause, filters, and a test event sent dry and for real', async () => {
    const crm = await refusingCrm();
    const dir = await demoCopy(crm.url);
    const daemon = await spawnDaemon(join(dir.path, 'switchboard.yaml'), { cwd: dir.path });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${daemon.admin}/console/`);
      await page.getByTestId('instance-pbx').waitFor();
      await page.getByText('live', { exact: true }).waitFor();
      const rows = page.getByTestId('event-row');

      // The loaded rules, where each is written, and how often each fired.
      await page.getByTestId('tab-rules').click();
      const popupRule = page.locator('[data-testid=rule-row][data-rule=sales-order-popup]');
      await popupRule.waitFor();
      expect(await popupRule.textContent()).toContain('rules/screen-pops.yaml:10:5');
      await waitFor(
        async () => Number(await popupRule.getByTestId('rule-hits').textContent()) >= 1,
        'sales-order-popup to have fired',
        30_000,
      );

      // The CRM refuses the call log: the failed `http` is shown under its rule, with the error, and the
      // `action.failed` event that follows is highlighted and names rule, action and error.
      const failedGroup = page.locator('[data-testid=rule-group][data-rule=log-call-in-crm]').first();
      await failedGroup.waitFor({ timeout: 30_000 });
      await failedGroup.getByTestId('action-error').waitFor();
      expect(await failedGroup.locator('.badge.fail').textContent()).toBe('http');
      expect(await failedGroup.getByTestId('action-error').textContent()).toMatch(/^http failed: .*503/);
      const failedRow = rows.filter({ hasText: 'action.failed' }).first();
      await failedRow.waitFor();
      expect(await failedRow.getAttribute('class')).toContain('failed');
      expect(await failedRow.getByTestId('failure').textContent()).toMatch(
        /^log-call-in-crm: http via pbx failed — .*503/,
      );
      expect(crm.posts()).toBeGreaterThan(0);
      const crmRule = page.locator('[data-testid=rule-row][data-rule=log-call-in-crm]');
      await waitFor(
        async () => Number(await crmRule.getByTestId('rule-failures').textContent()) >= 1,
        'the rule list to count the failure',
        15_000,
      );
      expect(await panelFits(page)).toBe(true);
      await shoot(page, 'console-rules-and-failed-action');

      // A broken edit of a rule file: the reload fails, the console says where, the old rules keep running.
      const rulesFile = join(dir.path, 'rules', 'screen-pops.yaml');
      const good = await readFile(rulesFile, 'utf8');
      await writeFile(rulesFile, good.replace('      - wakeup:\n', '      - wakup:\n'));
      const banner = page.getByTestId('reload-banner');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.textContent()).toContain(
        'rules/screen-pops.yaml:15:9 unknown action `wakup`; did you mean `wakeup`?',
      );
      await banner.getByRole('button', { name: 'details' }).click();
      const failedReload = page.getByTestId('reload').first();
      expect(await failedReload.textContent()).toContain('failed');
      expect(await failedReload.textContent()).toContain('rules/screen-pops.yaml:15:9');
      expect(await failedReload.textContent()).toContain('[SWB_RULE_UNKNOWN_ACTION]');
      expect(await panelFits(page)).toBe(true);
      await shoot(page, 'console-failed-reload');
      await writeFile(rulesFile, good);
      await banner.waitFor({ state: 'detached', timeout: 15_000 });
      expect(await page.getByTestId('reload').first().textContent()).toContain('loaded');

      // Pause: the list stands still while updates are held; resume shows them.
      await page.getByTestId('pause').click();
      expect(await page.getByTestId('stream-state').textContent()).toBe('paused');
      const frozen = await rows.count();
      await waitFor(
        async () => /Resume \(\d+ new\)/.test((await page.getByTestId('pause').textContent()) ?? ''),
        'updates held while paused',
        15_000,
      );
      expect(await rows.count()).toBe(frozen);
      await page.getByTestId('pause').click();
      await waitFor(async () => (await rows.count()) > frozen, 'the held updates shown', 5_000);

      // Filters are case-insensitive substrings.
      await page.fill('input[name=queue]', 'sal');
      await waitFor(async () => (await rows.count()) > 0, 'Sales rows', 15_000);
      const queues = await rows.locator('td:nth-child(5)').allTextContents();
      expect(queues.every((q) => q === 'Sales')).toBe(true);
      await page.fill('input[name=queue]', '');

      // The timeline of a call fits its panel.
      await rows.filter({ hasText: 'call.answered' }).first().click();
      await page.getByTestId('tab-timeline').click();
      await page.getByTestId('timeline').waitFor();
      expect(await panelFits(page)).toBe(true);
      await shoot(page, 'console-timeline');

      // A test event, typed, through the live rules: first a dry run, then for real.
      await page.getByTestId('tab-send').click();
      const form = page.getByTestId('test-event');
      const testEvent = (id: string) =>
        JSON.stringify({
          type: 'call.answered',
          call: { id, queue: 'Sales', caller: '+3200000001' },
          vars: {},
        });
      await form.locator('textarea[name=event]').fill(testEvent('console-dry-1'));
      await page.getByTestId('send-test-event').click();
      const result = page.getByTestId('test-result');
      await result.waitFor();
      expect(await result.getByTestId('test-outcome').first().textContent()).toContain('sales-order-popup');
      expect(await result.getByTestId('test-outcome').first().textContent()).toContain(
        'wakeup via pbx would run',
      );
      const fired = result.locator('section.rule', { hasText: 'sales-order-popup' });
      expect(await fired.locator('.badge').first().textContent()).toBe('fired');
      const notFired = result.locator('section.rule', { hasText: 'long-wait-apology' });
      expect(await notFired.getByTestId('because').textContent()).toContain(
        'is false (call.holdSeconds is null)',
      );
      expect(await panelFits(page)).toBe(true);
      await shoot(page, 'console-test-event-dry-run');
      // Nothing was carried out: no action of a console event in the daemon's log.
      const fromConsole = (l: LogLine) => String(l.eventId ?? '').startsWith('console-');
      expect(daemon.logs.filter(fromConsole)).toEqual([]);

      await form.locator('input[value=real]').check();
      await form.locator('textarea[name=event]').fill(testEvent('console-real-1'));
      await page.getByTestId('send-test-event').click();
      await waitFor(
        async () => ((await result.getByTestId('test-outcome').first().textContent()) ?? '').includes('done'),
        'the real test event carried out',
        15_000,
      );
      // The wakeup really went to the adapter: the daemon logged it, and the event is in the live stream.
      await daemon.waitForLog(
        (l) => String(l.msg).startsWith('action wakeup via pbx ok') && fromConsole(l),
        'the wakeup of the test event',
      );
      await waitFor(
        async () => (await rows.filter({ hasText: 'console-real-1' }).count()) > 0,
        'the test event in the live stream',
        10_000,
      );
      expect(await rows.filter({ hasText: 'console-dry-1' }).count()).toBe(0);
      await shoot(page, 'console-test-event-real');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await daemon.stop();
      crm.server.close();
      await dir.remove();
    }
  }, 180_000);
});
