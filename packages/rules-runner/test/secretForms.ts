/**
 * Secrets with the characters that encoders treat differently (space, `+`, `/`, `\`, `"`, `%`, `&`,
 * `=`, `#`, `?`, `@`, non-ASCII, an emoji), and every form in which software writes them, computed
 * with the platform's own encoders, never with the redactor's code.
 */
export const secrets: Readonly<Record<string, string>> = {
  CRM_TOKEN: 'k3y with space/slash+plus',
  API_PASSWORD: 'p@ss"quote\\back&amp=eq#frag?q%41',
  UNICODE_TOKEN: 'tök€n-ünï-😀-v4lue',
  PLAIN_TOKEN: 'plainAlnumToken1234567890',
};

/** The user part of `user:secret` Basic credentials (a tenant name: known, not secret). */
export const basicUser = 'tenant-acme';

const urlWith = (set: (url: URL) => void): URL => {
  const url = new URL('https://crm.example/base');
  set(url);
  return url;
};

/** Each encoding by name: what a log line, URL, header or error body may carry. */
export const encodings: Readonly<Record<string, (secret: string) => string>> = {
  raw: (s) => s,
  'JSON-escaped': (s) => JSON.stringify(s).slice(1, -1),
  'JSON-escaped twice': (s) => JSON.stringify(JSON.stringify(s).slice(1, -1)).slice(1, -1),
  'JSON-escaped three times': (s) =>
    JSON.stringify(JSON.stringify(JSON.stringify(s).slice(1, -1)).slice(1, -1)).slice(1, -1),
  'JSON ASCII-only (\\uXXXX)': (s) =>
    JSON.stringify(s)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  encodeURIComponent: (s) => encodeURIComponent(s),
  'encodeURIComponent, lower-case hex': (s) =>
    encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  'encodeURIComponent twice': (s) => encodeURIComponent(encodeURIComponent(s)),
  'form (URLSearchParams, + for space)': (s) => new URLSearchParams({ v: s }).toString().slice(2),
  encodeURI: (s) => encodeURI(s),
  'WHATWG URL path': (s) => urlWith((u) => (u.pathname = `/hooks/${s}`)).pathname.slice('/hooks/'.length),
  'WHATWG URL query': (s) => urlWith((u) => (u.search = s)).search.slice(1),
  'WHATWG URL userinfo': (s) => urlWith((u) => (u.password = s)).password,
  'WHATWG URL fragment': (s) => urlWith((u) => (u.hash = s)).hash.slice(1),
  base64: (s) => Buffer.from(s).toString('base64'),
  base64url: (s) => Buffer.from(s).toString('base64url'),
  'Basic user:secret': (s) => Buffer.from(`${basicUser}:${s}`).toString('base64'),
  'Basic user:secret, form-encoded': (s) =>
    encodeURIComponent(`Basic ${Buffer.from(`${basicUser}:${s}`).toString('base64')}`),
};

export interface SecretForm {
  readonly variable: string;
  readonly encoding: string;
  readonly text: string;
}

/** Every secret in every encoding (forms that coincide with another of the same secret kept once). */
export function allForms(): SecretForm[] {
  const out: SecretForm[] = [];
  for (const [variable, secret] of Object.entries(secrets)) {
    const seen = new Set<string>();
    for (const [encoding, encode] of Object.entries(encodings)) {
      const text = encode(secret);
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ variable, encoding, text });
    }
  }
  return out;
}

/** The forms found in `text`: the leaks. */
export function leaksIn(text: string, forms: readonly SecretForm[] = allForms()): string[] {
  return forms.filter((f) => text.includes(f.text)).map((f) => `${f.variable} ${f.encoding}: ${f.text}`);
}
