const mask = '[redacted]';

/** What a credential looks like in an error body: `Basic …`/`Bearer …`, or a long opaque run of token characters. */
const credentialLike = /\b(?:Basic|Bearer)\s+\S+|[A-Za-z0-9+/=_\\%.~-]{16,}/gi;

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const base64Url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const formEncoded = (text: string): string => encodeURIComponent(text).replace(/%20/g, '+');

const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/** `text` and the forms it takes in URLs and JSON: percent-encoded (either case, either space), unpadded, escaped. */
function encodings(text: string): string[] {
  const uri = encodeURIComponent(text);
  return [
    text,
    uri,
    lowerHex(uri),
    formEncoded(text),
    text.replace(/=+$/, ''),
    JSON.stringify(text).slice(1, -1),
  ];
}

/**
 * Keeps the SAPI credentials (tenant token, `tenant:token`, the Basic header) out of what the adapter
 * reports, in every form a server might echo them in: raw, URL-encoded, base64 and base64url, with or
 * without padding. Vendor error bodies get more: only a bounded excerpt is kept, and anything that
 * looks like a credential is masked too, since a server may echo it in a form no list foresees.
 */
export class CredentialRedactor {
  readonly #forms: readonly string[];

  constructor(tenant: string, token: string) {
    const pair = `${tenant}:${token}`;
    const forms = new Set<string>();
    for (const secret of [token, pair, base64(pair), base64(token), base64Url(pair), base64Url(token)])
      for (const form of encodings(secret)) if (form.length >= 4) forms.add(form);
    // Longest first, so a form is not half-replaced by one of its parts.
    this.#forms = [...forms].sort((a, b) => b.length - a.length);
  }

  /** `text` with every known form of the credentials masked. */
  redact(text: string): string {
    let out = text;
    for (const form of this.#forms) if (out.includes(form)) out = out.split(form).join(mask);
    return out;
  }

  /**
   * What may be said about a vendor's error body: its length and a short excerpt with credentials and
   * anything credential-like masked, whitespace collapsed. Never the body itself.
   */
  excerpt(body: string, maxChars = 100): string {
    const flat = this.redact(body).replace(credentialLike, mask).replace(/\s+/g, ' ').trim();
    if (flat.length <= maxChars) return flat;
    return `${flat.slice(0, maxChars)}… (${body.length} characters)`;
  }
}
