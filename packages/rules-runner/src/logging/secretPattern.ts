const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** A hex number matching either case: `%2f` and `%2F`, `\u00e9` and `\u00E9` are the same byte. */
const anyCase = (hex: string): string =>
  [...hex].map((c) => (/[A-F]/.test(c) ? `[${c}${c.toLowerCase()}]` : c)).join('');

const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The backslashes of an escape, however many times the text was escaped again (JSON in JSON…). */
const escapes = '\\\\+';

/**
 * Every way one character of a secret can appear in output: as itself; JSON-escaped any number of
 * times (`\"`, `\\\"`, `\n`, `\u00e9`, and `\/` as PHP writes it); percent-encoded, in either hex
 * case, once or twice (what `encodeURIComponent`, form encoding and the WHATWG URL serializer produce
 * for paths, queries and userinfo, and that encoded again); a space as `+` (forms); a backslash as
 * `/` (the URL parser turns one into the other in http(s) paths).
 */
function characterForms(ch: string): string {
  const forms = new Set<string>([literal(ch)]);
  const json = JSON.stringify(ch).slice(1, -1);
  if (json === '\\\\') forms.add(escapes);
  else if (json.startsWith('\\')) forms.add(`${escapes}${literal(json.slice(1))}`);
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code > 0x7e) {
    const units = [...Array(ch.length).keys()].map((i) => ch.charCodeAt(i));
    forms.add(
      units.map((u) => `${escapes}u${anyCase(u.toString(16).toUpperCase().padStart(4, '0'))}`).join(''),
    );
  }
  // Letters and digits are never percent-encoded by any of those encoders.
  if (!/^[A-Za-z0-9]$/.test(ch)) {
    forms.add([...Buffer.from(ch, 'utf8')].map((b) => `%(?:25)?${anyCase(hex2(b))}`).join(''));
  }
  if (ch === ' ') forms.add('\\+');
  if (ch === '\\') forms.add('/');
  if (ch === '/') forms.add(`${escapes}/`);
  return forms.size === 1 ? ([...forms][0] as string) : `(?:${[...forms].join('|')})`;
}

/**
 * A regular expression source matching a secret in any of its textual encodings, character by
 * character, so mixed forms (a URL path that encodes the space but keeps the `+`) are caught as well.
 */
export function secretPattern(secret: string): string {
  return [...secret].map(characterForms).join('');
}
