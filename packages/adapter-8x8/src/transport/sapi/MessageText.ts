/** Characters of dropped text that are reported: enough to recognise it, never the whole. */
export const reportedPreviewChars = 120;
/** Kept a little longer than reported, so a credential is masked whole before the excerpt is cut. */
const previewChars = 2 * reportedPreviewChars;

/**
 * The text of a frame being read, gathered piece by piece and joined once at the end (so a message
 * split over many chunks costs its length, not its length times the chunks). Past `limit` characters
 * the text is no longer kept, only counted, with its beginning as a preview.
 */
export class MessageText {
  readonly #limit: number;
  #pieces: string[] = [];
  #chars = 0;
  #preview = '';

  constructor(limit: number, start = '') {
    this.#limit = limit;
    if (start !== '') this.add(start, 0, start.length);
  }

  get chars(): number {
    return this.#chars;
  }

  get preview(): string {
    return this.#preview;
  }

  /** Past the limit: the text is gone, only counted. */
  get overflowed(): boolean {
    return this.#chars > this.#limit;
  }

  /** Adds `text[from, to)`. */
  add(text: string, from: number, to: number): void {
    if (to <= from) return;
    if (this.#preview.length < previewChars)
      this.#preview += text.slice(from, Math.min(to, from + previewChars - this.#preview.length));
    this.#chars += to - from;
    if (this.overflowed) this.#pieces = [];
    else this.#pieces.push(text.slice(from, to));
  }

  /** The whole text (empty once overflowed). */
  text(): string {
    const whole = this.#pieces.join('');
    this.#pieces = whole === '' ? [] : [whole];
    return whole;
  }
}
