const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/** `text` in the forms URLs and JSON give it. */
function textForms(text: string): string[] {
  const uri = encodeURIComponent(text);
  return [text, uri, lowerHex(uri), uri.replace(/%20/g, '+'), JSON.stringify(text).slice(1, -1)];
}

/** `text` in base64 and base64url, padded and not, and those in URL forms. */
function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const std = bytes.toString('base64');
  return [std, std.replace(/=+$/, ''), bytes.toString('base64url')].flatMap(textForms);
}

/**
 * Every form in which the SAPI credentials could leak into an output: the token and `tenant:token` as
 * they are, URL-encoded (upper- and lower-case hex, `+` for spaces), JSON-escaped, base64 and base64url
 * with and without padding, and the Basic header. Written independently of the adapter's redactor, so
 * a form it forgets is caught.
 */
export function secretForms(tenant: string, token: string): string[] {
  const pair = `${tenant}:${token}`;
  const basic = `Basic ${Buffer.from(pair).toString('base64')}`;
  return [...new Set([...textForms(token), ...base64Forms(token), ...base64Forms(pair), basic])];
}

/** The forms of the secret that occur in `text`. */
export function leakedForms(text: string, forms: readonly string[]): string[] {
  return forms.filter((form) => text.includes(form));
}
