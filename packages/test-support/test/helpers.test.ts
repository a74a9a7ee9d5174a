import { describe, expect, test } from 'vitest';
import { launchChromium, waitFor } from '../src/index.js';

describe('test-support', () => {
  test('waitFor returns the first truthy value, or fails naming what it waited for', async () => {
    let n = 0;
    expect(await waitFor(() => (++n >= 3 ? n : undefined), 'three polls', 1000, 1)).toBe(3);
    await expect(waitFor(() => false, 'something that never happens', 30, 5)).rejects.toThrow(
      'timed out after 30 ms waiting for something that never happens',
    );
  });

  test('Debian Chromium starts headless and renders a page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="x">rendered</p>');
      expect(await page.textContent('#x')).toBe('rendered');
    } finally {
      await browser.close();
    }
  });
});
