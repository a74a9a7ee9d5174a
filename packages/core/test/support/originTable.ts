/**
 * One table of origins against one allow-list, shared by the matcher's unit test and the tests that
 * drive it through real sockets and routes: every surface answers the same.
 */
export const allowList = [
  'https://crm.example.com',
  'http://localhost:8080',
  'https://Agents.Example.org:8443',
  'https://bücher.example',
  'http://[::1]:3000',
  'https://trailing.example/',
] as const;

export interface OriginCase {
  readonly origin: string | undefined;
  /** Allowed for a browser socket (no Origin: refused). */
  readonly socket: boolean;
  /** Allowed for an HTTP request (no Origin: not a cross-origin browser call, so allowed). */
  readonly request: boolean;
  readonly why: string;
}

export const originCases: readonly OriginCase[] = [
  { origin: 'https://crm.example.com', socket: true, request: true, why: 'listed exactly' },
  { origin: 'https://CRM.Example.COM', socket: true, request: true, why: 'host compared case-insensitively' },
  { origin: 'https://crm.example.com:443', socket: true, request: true, why: 'default https port elided' },
  { origin: 'http://crm.example.com', socket: false, request: false, why: 'http is not https' },
  { origin: 'https://crm.example.com:8443', socket: false, request: false, why: 'another port' },
  {
    origin: 'https://evil.crm.example.com',
    socket: false,
    request: false,
    why: 'a subdomain is another host',
  },
  { origin: 'https://crm.example.com.evil.net', socket: false, request: false, why: 'a suffix trick' },
  { origin: 'https://crm.example.co', socket: false, request: false, why: 'a prefix of the host' },
  { origin: 'http://localhost:8080', socket: true, request: true, why: 'explicit port listed' },
  { origin: 'http://localhost', socket: false, request: false, why: 'port missing' },
  { origin: 'http://localhost:80', socket: false, request: false, why: 'default port is not 8080' },
  { origin: 'https://agents.example.org:8443', socket: true, request: true, why: 'list entry in mixed case' },
  { origin: 'https://agents.example.org', socket: false, request: false, why: 'list entry port required' },
  { origin: 'https://xn--bcher-kva.example', socket: true, request: true, why: 'IDN as punycode' },
  { origin: 'https://BÜCHER.example', socket: true, request: true, why: 'IDN in upper case' },
  { origin: 'http://[::1]:3000', socket: true, request: true, why: 'IPv6 literal' },
  { origin: 'http://[0:0:0:0:0:0:0:1]:3000', socket: true, request: true, why: 'IPv6 written long' },
  {
    origin: 'https://trailing.example',
    socket: true,
    request: true,
    why: 'list entry with a trailing slash',
  },
  { origin: 'https://crm.example.com/', socket: false, request: false, why: 'an Origin has no path' },
  { origin: 'https://crm.example.com/app', socket: false, request: false, why: 'a path' },
  { origin: 'https://crm.example.com?x=1', socket: false, request: false, why: 'a query' },
  { origin: 'https://user@crm.example.com', socket: false, request: false, why: 'user info' },
  { origin: 'null', socket: false, request: false, why: 'an opaque origin (sandbox, file:)' },
  { origin: 'file://crm.example.com', socket: false, request: false, why: 'not http(s)' },
  { origin: 'crm.example.com', socket: false, request: false, why: 'no scheme' },
  { origin: ' https://crm.example.com', socket: false, request: false, why: 'surrounding space' },
  { origin: '', socket: false, request: false, why: 'empty' },
  { origin: undefined, socket: false, request: true, why: 'no Origin header' },
];

/** The same table against `*`: any well-formed origin, still no socket without one. */
export const anyCases: readonly OriginCase[] = [
  { origin: 'https://anything.example', socket: true, request: true, why: 'any well-formed origin' },
  { origin: 'HTTP://Other.Example:9', socket: true, request: true, why: 'any, in any case' },
  { origin: 'null', socket: false, request: false, why: 'opaque origins never match' },
  { origin: 'https://a.example/path', socket: false, request: false, why: 'malformed never matches' },
  { origin: undefined, socket: false, request: true, why: 'a socket needs an Origin, even with *' },
];
