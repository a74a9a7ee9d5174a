const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** A hex number matching either case: `%2f` and `%2F`, `\u00e9` and `\u00E9` are the same byte. */
const anyCase = (hex: string): string =>
  [...hex].map((c) => (/[A-F]/.test(c) ? `[${c}${c.toLowerCase()}]` : c)).join('');

const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Levels of JSON escaping recognized: a vendor's JSON body (1), quoted in an error object (2), in a
 * JSON log line (3), shown by the console's JSON API (4).
 */
const levels = 4;

/**
 * The backslashes before an escaped character after 1 to `levels` levels of JSON escaping (1, 3, 7,
 * 15). Counts are bounded, never `+`: an open-ended quantifier would let a line of attacker-supplied
 * backslashes cost quadratic time.
 */
const escapes = `\\\\{1,${2 ** levels - 1}}`;

/**
 * Every way one character of a secret can appear in output: as itself; JSON-escaped up to four
 * times (`\"`, `\\\"`, `\n`, `\u00e9`, and `\/` as PHP writes it); percent-encoded, in either hex
 * case, once or twice (what `encodeURIComponent`, form encoding and the WHATWG URL serializer produce
 * for paths, queries and userinfo, and that encoded again); a space as `+` (forms). After a
 * backslash of the secret, whose pattern already takes the escape's backslashes, none are repeated.
 */
function characterForms(ch: string, afterBackslash: boolean): string {
  const prefix = afterBackslash ? '' : escapes;
  const forms = new Set<string>([literal(ch)]);
  const json = JSON.stringify(ch).slice(1, -1);
  if (json.startsWith('\\')) forms.add(`${prefix}${literal(json.slice(1))}`);
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code > 0x7e) {
    const units = [...Array(ch.length).keys()].map((i) => ch.charCodeAt(i));
    forms.add(
      units.map((u) => `${prefix}u${anyCase(u.toString(16).toUpperCase().padStart(4, '0'))}`).join(''),
    );
  }
  // Letters and digits are never percent-encoded by any of those encoders.
  if (!/^[A-Za-z0-9]$/.test(ch)) forms.add(percent(ch));
  if (ch === ' ') forms.add('\\+');
  if (ch === '/') forms.add(`${prefix}/`);
  return forms.size === 1 ? ([...forms][0] as string) : `(?:${[...forms].join('|')})`;
}

const percent = (ch: string): string =>
  [...Buffer.from(ch, 'utf8')].map((b) => `%(?:25)?${anyCase(hex2(b))}`).join('');

/**
 * `k` backslashes of a secret, as one piece: doubled by each level of JSON escaping (and with an
 * escaped character's own backslashes after them), or each as `/` (the URL parser turns one into the
 * other in http(s) paths) or percent-encoded.
 */
const backslashes = (k: number): string =>
  `(?:\\\\{${k},${2 ** levels * (k + 1) - 1}}|(?:/|${percent('\\')}){${k}})`;

/**
 * A regular expression source matching a secret in any of its textual encodings, character by
 * character, so mixed forms (a URL path that encodes the space but keeps the `+`) are caught as well.
 */
export function secretPattern(secret: string): string {
  const chars = [...secret];
  let pattern = '';
  for (let i = 0; i < chars.length; ) {
    if (chars[i] === '\\') {
      let k = 0;
      while (chars[i] === '\\') {
        k += 1;
        i += 1;
      }
      pattern += backslashes(k);
      continue;
    }
    pattern += characterForms(chars[i] as string, i > 0 && chars[i - 1] === '\\');
    i += 1;
  }
  return pattern;
}
