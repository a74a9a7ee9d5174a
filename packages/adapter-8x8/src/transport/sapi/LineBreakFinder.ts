/**
 * Finds the next line break in the chunk being parsed, remembering the answer, so that a long line
 * read in many steps is searched once, not once per step.
 */
export class LineBreakFinder {
  #chunk = 0;
  #cached = { chunk: -1, from: 0, at: -1 };

  /** A new chunk is being parsed. */
  nextChunk(): void {
    this.#chunk += 1;
  }

  /** Index of the first `\n` at or after `from` in `text` (the current chunk), or -1. */
  find(text: string, from: number): number {
    const c = this.#cached;
    if (c.chunk !== this.#chunk || from < c.from || (c.at >= 0 && c.at < from))
      this.#cached = { chunk: this.#chunk, from, at: text.indexOf('\n', from) };
    return this.#cached.at;
  }
}
