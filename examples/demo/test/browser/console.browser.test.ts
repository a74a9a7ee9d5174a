import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium, spawnDaemon, waitFor } from '@switchboard/test-support';
import { describe, expect, test } from 'vitest';

const config = fileURLToPath(new URL('../../switchboard.yaml', import.meta.url));
const screenshots = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe('the live console on the running demo (real Chromium)', () => {
  test('events arrive live, a call’s timeline, and why a rule fired', async () => {
    const daemon = await spawnDaemon(config);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${daemon.admin}/console/`);
      await page.getByTestId('instance-pbx').waitFor();
      expect(await page.getByTestId('instance-pbx').textContent()).toContain('connected');
      await page.getByText('live', { exact: true }).waitFor();

      // Live: rows keep arriving without a reload.
      const rows = page.getByTestId('event-row');
      const before = await rows.count();
      await waitFor(async () => (await rows.count()) >= before + 2, 'new events in the live stream', 15_000);

      // The Sales call's answer: its rule fired, and the explain view says why.
      const answered = rows.filter({ hasText: 'call.answered' }).filter({ hasText: 'Sales' }).first();
      await answered.waitFor({ timeout: 15_000 });
      expect(await answered.textContent()).toContain('sales-order-popup');
      await answered.click();
      const explain = page.getByTestId('explain');
      await explain.waitFor();
      const fired = explain.locator('section.rule', { hasText: 'sales-order-popup' });
      expect(await fired.locator('.badge').first().textContent()).toBe('fired');
      expect(await fired.textContent()).toContain('{"var":"call.queue"}→ "Sales"');
      const notFired = explain.locator('section.rule', { hasText: 'long-wait-apology' });
      expect(await notFired.textContent()).toContain('not fired');
      expect(await notFired.textContent()).toContain('{"var":"call.holdSeconds"}→ 4');

      // The call's timeline from offer to end.
      await page.getByTestId('tab-timeline').click();
      const timeline = page.getByTestId('timeline');
      await waitFor(
        async () => ((await timeline.textContent()) ?? '').includes('call.ended'),
        'the end of the call',
        15_000,
      );
      const text = (await timeline.textContent()) ?? '';
      expect(text.indexOf('call.offered')).toBeLessThan(text.indexOf('call.answered'));
      expect(text.indexOf('call.answered')).toBeLessThan(text.indexOf('call.ended'));
      expect(text).toContain('remember-order-number');
      expect(text).toContain('wakeup via pbx');

      // Filters: only the Support queue.
      await page.fill('input[name=queue]', 'Support');
      await waitFor(async () => (await rows.count()) > 0, 'Support rows', 15_000);
      const queues = await rows.locator('td:nth-child(5)').allTextContents();
      expect(queues.every((q) => q === 'Support')).toBe(true);
      await page.fill('input[name=queue]', '');

      await mkdir(screenshots, { recursive: true });
      await page.getByTestId('tab-explain').click();
      await page.screenshot({ path: `${screenshots}console.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await daemon.stop();
    }
  });
});
