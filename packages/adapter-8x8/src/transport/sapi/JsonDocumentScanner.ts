/**
 * Finds where a JSON object that arrives in pieces ends, without looking at any character twice: it
 * keeps the nesting depth and whether it is inside a string between calls. Braces and brackets inside
 * strings do not count. It does not validate the JSON (`JSON.parse` does, once the text is whole).
 */
export class JsonDocumentScanner {
  #depth = 0;
  #inString = false;
  #escaped = false;

  /**
   * Reads `text` from `from` up to `to` (the object's first character is its opening brace): returns the
   * index after the closing brace, or -1 when the object goes on past `to`.
   */
  feed(text: string, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === 0x5c /* \ */) this.#escaped = true;
        else if (c === 0x22 /* " */) this.#inString = false;
      } else if (c === 0x22) {
        this.#inString = true;
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        this.#depth += 1;
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        this.#depth -= 1;
        if (this.#depth <= 0) return i + 1;
      }
    }
    return -1;
  }
}
