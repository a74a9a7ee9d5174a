/**
 * An origin as browsers send it (`https://crm.example.com`, `http://127.0.0.1:8080`) in one canonical
 * form: WHATWG URL parsing lower-cases and punycodes the host and drops a default port. Undefined for
 * anything that is not an http(s) origin: `null`, a path, a query, a fragment, user info, garbage.
 */
export function normalizeOrigin(value: string): string | undefined {
  if (value === '' || value === 'null' || value.trim() !== value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  // `new URL('https://a.example')` has pathname '/'; a written path (even `/`) is not an origin.
  if (url.pathname !== '/' || /^[a-z]+:\/\/[^/]*\/.*$/i.test(value)) return undefined;
  if (url.hostname === '') return undefined;
  return `${url.protocol}//${url.host}`;
}
