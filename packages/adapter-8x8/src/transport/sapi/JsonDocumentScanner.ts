/**
 * Finds where a JSON object that arrives in pieces ends, looking at each character a bounded number of
 * times: it keeps the nesting depth and whether it is inside a string between calls. Braces and brackets
 * inside strings do not count. It does not validate the JSON (`JSON.parse` does, once the text is whole),
 * but it measures how deep the object nests (`deepest`), so the decoder need not scan the text again.
 *
 * Strings, most of a SAPI event, are crossed with `indexOf` (native) rather than character by character;
 * a quote ends a string unless an odd run of backslashes stands before it.
 */
export class JsonDocumentScanner {
  #depth = 0;
  #deepest = 0;
  #inString = false;
  /** Inside a string, the last character read was a backslash that escapes the next one. */
  #escaped = false;

  /** The deepest nesting seen so far (the object itself is 1), counted as core's `jsonTextTooDeep` does. */
  get deepest(): number {
    return this.#deepest;
  }

  /**
   * Reads `text` from `from` up to `to` (the object's first character is its opening brace): returns the
   * index after the closing brace, or -1 when the object goes on past `to`.
   */
  feed(text: string, from: number, to: number): number {
    let i = from;
    while (i < to) {
      if (this.#inString) {
        i = this.#crossString(text, i, to);
        continue;
      }
      const c = text.charCodeAt(i);
      i += 1;
      if (c === 0x22 /* " */) {
        this.#inString = true;
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        this.#depth += 1;
        if (this.#depth > this.#deepest) this.#deepest = this.#depth;
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        this.#depth -= 1;
        if (this.#depth <= 0) return i;
      }
    }
    return -1;
  }

  /** Inside a string at `i`: returns the index after its closing quote, or `to` when it goes on. */
  #crossString(text: string, i: number, to: number): number {
    let start = i;
    if (this.#escaped) {
      this.#escaped = false;
      start += 1;
      if (start >= to) return to;
    }
    for (;;) {
      const quote = text.indexOf('"', start);
      if (quote < 0 || quote >= to) {
        // Still inside at `to`: an odd run of backslashes at the end escapes what comes next.
        this.#escaped = backslashesBefore(text, to, start) % 2 === 1;
        return to;
      }
      if (backslashesBefore(text, quote, start) % 2 === 0) {
        this.#inString = false;
        return quote + 1;
      }
      start = quote + 1;
      if (start >= to) return to;
    }
  }
}

/** How many backslashes stand right before `at`, not looking before `from`. */
function backslashesBefore(text: string, at: number, from: number): number {
  let n = 0;
  while (at - n - 1 >= from && text.charCodeAt(at - n - 1) === 0x5c) n += 1;
  return n;
}
