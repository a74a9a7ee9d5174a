/** Why one `allowHosts` entry was refused, by its index in the list. */
export interface HostEntryProblem {
  readonly index: number;
  readonly message: string;
}

/**
 * The hosts a URL template may send a request to when a value decides its host (`allowHosts`). An entry
 * is a host name or IP address, matched exactly, or a suffix written with a leading dot
 * (`.crm.example.com`), which matches every name under it (not the name itself). Entries and hosts are
 * compared as WHATWG URL parsing normalizes them: lower case, international names in punycode, IP
 * addresses in their canonical form.
 */
export class HostAllowList {
  readonly entries: readonly string[];
  readonly #exact: ReadonlySet<string>;
  readonly #suffixes: readonly string[];

  private constructor(exact: readonly string[], suffixes: readonly string[]) {
    this.#exact = new Set(exact);
    this.#suffixes = suffixes;
    this.entries = [...exact, ...suffixes];
  }

  /** The list, or every entry's problem. */
  static parse(
    entries: readonly string[],
  ): { list: HostAllowList; problems?: undefined } | { list?: undefined; problems: HostEntryProblem[] } {
    const exact: string[] = [];
    const suffixes: string[] = [];
    const problems: HostEntryProblem[] = [];
    entries.forEach((entry, index) => {
      const parsed = parseEntry(entry);
      if (typeof parsed === 'object') problems.push({ index, message: parsed.problem });
      else if (parsed.startsWith('.')) suffixes.push(parsed);
      else exact.push(parsed);
    });
    if (problems.length > 0) return { problems };
    return { list: new HostAllowList(exact, suffixes) };
  }

  /** Whether a host name as `URL#hostname` gives it is on the list. */
  allows(hostname: string): boolean {
    if (this.#exact.has(hostname)) return true;
    for (const suffix of this.#suffixes) {
      if (hostname.length > suffix.length && hostname.endsWith(suffix)) {
        const labels = hostname.slice(0, -suffix.length);
        if (!labels.startsWith('.') && !labels.endsWith('.') && !labels.includes('..')) return true;
      }
    }
    return false;
  }
}

/** The normalized entry, or why it is not one. */
function parseEntry(entry: string): string | { problem: string } {
  const shown = JSON.stringify(entry);
  if (entry.includes('*')) {
    return {
      problem: `${shown} is not a host: write a suffix with a leading dot (\`.crm.example.com\` allows every name under crm.example.com)`,
    };
  }
  if (entry.includes('/') || entry.includes('\\') || entry.includes('@')) {
    return { problem: `${shown} is not a host: write the host name alone, without scheme, user or path` };
  }
  if (/^[^[]*:|\]:/.test(entry)) {
    return { problem: `${shown} has a port: list host names only (the URL template writes the port)` };
  }
  const suffix = entry.startsWith('.');
  const hostname = parsedHostname(suffix ? `x${entry}` : entry);
  if (hostname === undefined || (suffix && (hostname.startsWith('[') || /\.\d+$/.test(hostname)))) {
    return {
      problem: suffix
        ? `${shown} is not a domain suffix: write a leading dot and a domain name, e.g. \`.crm.example.com\``
        : `${shown} is not a host name or IP address`,
    };
  }
  if (suffix && hostname.split('.').length < 3) {
    return { problem: `${shown} is too broad: a suffix names a domain with at least two labels` };
  }
  return suffix ? hostname.slice(1) : hostname;
}

/** The host name WHATWG URL parsing makes of `host`, when it is one and nothing else. */
function parsedHostname(host: string): string | undefined {
  if (host === '' || /[\s?#]/.test(host)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${host}/`);
  } catch {
    return undefined;
  }
  const bare = url.port === '' && url.username === '' && url.password === '' && url.pathname === '/';
  const labels = url.hostname.startsWith('[') || !/(^\.|\.\.|\.$)/.test(url.hostname);
  return bare && labels && url.search === '' && url.hash === '' ? url.hostname : undefined;
}
