import { describe, expect, test } from 'vitest';
import { encodeUrlAuthority, encodeUrlComponent, isDotSegment } from './urlEncoders.js';

describe('url encoders', () => {
  test('component encoding escapes every delimiter', () => {
    expect(encodeUrlComponent('a/b?c#d&e=f+g h%i\\j')).toBe('a%2Fb%3Fc%23d%26e%3Df%2Bg%20h%25i%5Cj');
  });

  test('lone surrogates become U+FFFD instead of throwing', () => {
    expect(encodeUrlComponent('a\uD800b\uDC00')).toBe('a%EF%BF%BDb%EF%BF%BD');
    expect(encodeUrlComponent('🚀')).toBe('%F0%9F%9A%80');
  });

  test('authority encoding leaves only A-Z a-z 0-9 - . _ ~', () => {
    expect(encodeUrlAuthority("a.b-c_d~e!f*g'h(i)j@k:l")).toBe('a.b-c_d~e%21f%2Ag%27h%28i%29j%40k%3Al');
  });

  test('dot segments in every spelling', () => {
    for (const s of ['.', '..', '%2e', '%2E', '.%2e', '%2e.', '%2E%2e']) expect(isDotSegment(s)).toBe(true);
    for (const s of ['', '...', 'a.', '.a', '%2e%2e%2e', '%252e']) expect(isDotSegment(s)).toBe(false);
  });
});
