/**
 * Percent-encodes a value for a URL path segment, query key or value, or fragment: every character but
 * `A-Z a-z 0-9 - _ . ! ~ * ' ( )` is escaped, so `/ ? # & = + % \` and spaces cannot end the value's part.
 * Lone UTF-16 surrogates (which `encodeURIComponent` rejects) become U+FFFD, as in `URLSearchParams`.
 */
export function encodeUrlComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(replaceLoneSurrogates(value));
  }
}

/**
 * Percent-encodes a value for the authority (user info, host, port): like `encodeUrlComponent`, and also
 * `! * ' ( )`, so only `A-Z a-z 0-9 - . _ ~` stay as they are.
 */
export function encodeUrlAuthority(value: string): string {
  const encoded = encodeUrlComponent(value);
  let out = '';
  let runStart = 0;
  for (let i = 0; i < encoded.length; i++) {
    const code = encoded.charCodeAt(i);
    if (code !== 0x21 && code !== 0x27 && code !== 0x28 && code !== 0x29 && code !== 0x2a) continue;
    out += `${encoded.slice(runStart, i)}%${code.toString(16).toUpperCase()}`;
    runStart = i + 1;
  }
  return runStart === 0 ? encoded : out + encoded.slice(runStart);
}

/** Whether a path segment is one WHATWG URL parsing treats as `.` or `..` (also spelled with `%2e`). */
export function isDotSegment(segment: string): boolean {
  if (segment.length === 0 || segment.length > 6) return false;
  switch (segment.toLowerCase()) {
    case '.':
    case '%2e':
    case '..':
    case '.%2e':
    case '%2e.':
    case '%2e%2e':
      return true;
    default:
      return false;
  }
}

function replaceLoneSurrogates(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
        continue;
      }
      out += '\uFFFD';
    } else {
      out += code >= 0xdc00 && code <= 0xdfff ? '\uFFFD' : value[i];
    }
  }
  return out;
}
