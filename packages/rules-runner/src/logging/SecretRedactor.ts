import { secretPattern } from './secretPattern.js';

/** What a secret in any form is replaced with. */
export const redacted = '[REDACTED]';

/**
 * Runs of at least `min` base64 or base64url characters (some possibly percent-encoded, as in a
 * query), with their padding. A run starts only where the previous character cannot belong to it, so
 * the many short words of a line are skipped at once.
 */
const base64Runs = (min: number): RegExp =>
  new RegExp(`(?<![A-Za-z0-9+/_-])(?:[A-Za-z0-9+/_-]|%2[BbFf]){${min},}(?:={1,2}|(?:%3[Dd]){1,2})?`, 'g');

/**
 * The one redaction step of every output: log lines, the console's API and live stream, `/readyz`,
 * `/metrics`, and everything the CLI prints. It knows each secret (a value read by `${VAR}`, or an
 * option marked `x-secret`) raw, JSON-escaped, percent-encoded in any of the URL encoders' ways, and
 * base64-encoded on its own or inside something else, such as `user:secret` of a Basic header. Short
 * values are ignored: redacting `1` or `on` would mangle every line and protect nothing.
 */
export class SecretRedactor {
  readonly #secrets = new Set<string>();
  #pattern: RegExp | undefined;
  #minRun = Number.POSITIVE_INFINITY;
  /** Base64 runs long enough to hold the shortest secret: shorter runs cannot hide one. */
  #base64: RegExp | undefined;

  add(values: Iterable<string>): void {
    let changed = false;
    for (const value of values) {
      if (value.length < 4 || this.#secrets.has(value)) continue;
      this.#secrets.add(value);
      changed = true;
    }
    if (!changed) return;
    const sorted = [...this.#secrets].sort((a, b) => b.length - a.length);
    this.#pattern = new RegExp(sorted.map(secretPattern).join('|'), 'g');
    const shortest = Math.min(...sorted.map((s) => Buffer.byteLength(s)));
    this.#minRun = Math.floor((shortest * 4) / 3);
    this.#base64 = base64Runs(this.#minRun);
  }

  /** How many secrets it knows. */
  get size(): number {
    return this.#secrets.size;
  }

  redact(text: string): string {
    if (!this.#pattern || !this.#base64) return text;
    const plain = text.replace(this.#pattern, redacted);
    return plain.replace(this.#base64, (run) => (this.#hidesSecret(run) ? redacted : run));
  }

  /**
   * Whether a base64 run decodes to text containing a secret. The run may start mid-way through
   * the encoded data (`Basic+dXNl…` in a form), so each of the four alignments is tried.
   */
  #hidesSecret(run: string): boolean {
    const pattern = this.#pattern as RegExp;
    const normalized = run
      .replace(/%2[Bb]/g, '+')
      .replace(/%2[Ff]/g, '/')
      .replace(/(?:%3[Dd])+$/, '');
    for (let offset = 0; offset < 4 && normalized.length - offset >= this.#minRun; offset++) {
      const decoded = Buffer.from(normalized.slice(offset), 'base64').toString('utf8');
      pattern.lastIndex = 0;
      if (pattern.test(decoded)) return true;
    }
    return false;
  }
}
