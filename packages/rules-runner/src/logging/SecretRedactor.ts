/**
 * Replaces secret values (read from the environment by `${VAR}`, or marked `x-secret`) in text with
 * `[REDACTED]`, in their plain and JSON-escaped forms. Short values are ignored: redacting `1` or `on`
 * would mangle every log line and protect nothing.
 */
export class SecretRedactor {
  readonly #secrets = new Set<string>();
  #pattern: RegExp | undefined;

  add(values: Iterable<string>): void {
    for (const value of values) {
      if (value.length < 4) continue;
      this.#secrets.add(value);
      const escaped = JSON.stringify(value).slice(1, -1);
      if (escaped !== value) this.#secrets.add(escaped);
      const encoded = encodeURIComponent(value);
      if (encoded !== value) this.#secrets.add(encoded);
    }
    const sorted = [...this.#secrets].sort((a, b) => b.length - a.length);
    this.#pattern =
      sorted.length > 0
        ? new RegExp(sorted.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
        : undefined;
  }

  redact(text: string): string {
    return this.#pattern ? text.replace(this.#pattern, '[REDACTED]') : text;
  }
}
