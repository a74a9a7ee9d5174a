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
  /** Set once the text overflowed (the pieces are gone then); before, the preview comes from the pieces. */
  #preview: string | undefined;

  constructor(limit: number, start = '') {
    this.#limit = limit;
    if (start !== '') this.add(start, 0, start.length);
  }

  get chars(): number {
    return this.#chars;
  }

  /** The first characters of the text (kept when the rest is dropped). */
  get preview(): string {
    if (this.#preview !== undefined) return this.#preview;
    let preview = '';
    for (const piece of this.#pieces) {
      preview += piece.slice(0, previewChars - preview.length);
      if (preview.length >= previewChars) break;
    }
    return preview;
  }

  /** Past the limit: the text is gone, only counted. */
  get overflowed(): boolean {
    return this.#chars > this.#limit;
  }

  /** Adds `text[from, to)`. */
  add(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.#chars += to - from;
    if (this.#preview !== undefined) {
      if (this.#preview.length < previewChars)
        this.#preview += text.slice(from, Math.min(to, from + previewChars - this.#preview.length));
      return;
    }
    // The preview is only needed for a frame that is dropped: it is taken when the text is.
    this.#pieces.push(text.slice(from, to));
    if (this.overflowed) {
      this.#preview = this.preview;
      this.#pieces = [];
    }
  }

  /** The whole text (empty once overflowed). */
  text(): string {
    if (this.#preview !== undefined) return '';
    const pieces = this.#pieces;
    if (pieces.length === 1) return pieces[0]!;
    const whole = pieces.join('');
    this.#pieces = whole === '' ? [] : [whole];
    return whole;
  }
}
