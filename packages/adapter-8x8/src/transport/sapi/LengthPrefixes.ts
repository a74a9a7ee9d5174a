/** Atmosphere prefixes each message once; deeper nesting is not a SAPI stream. */
export const maxPrefixNesting = 4;

/** Why a `length|` prefix cannot open a frame; the frame around it is then rejected whole. */
export type PrefixProblem = 'too long' | 'past its frame' | 'nested too deep';

/**
 * The open `length|` frames of a stream, as absolute character positions where each ends, innermost
 * last. Kept in an array, never on the call stack, and at most `maxPrefixNesting` deep.
 */
export class LengthPrefixes {
  #ends: number[] = [];

  /** Where the innermost open frame ends, if one is open. */
  get end(): number | undefined {
    return this.#ends.at(-1);
  }

  /** Opens a frame of `length` characters from `start`, or says why not. */
  open(start: number, length: number, maxLength: number): PrefixProblem | undefined {
    const enclosing = this.end;
    if (length > maxLength) return 'too long';
    if (enclosing !== undefined && start + length > enclosing) return 'past its frame';
    if (this.#ends.length >= maxPrefixNesting) {
      // What is left of the outermost frame is skipped as one.
      this.#ends = this.#ends.slice(0, 1);
      return 'nested too deep';
    }
    this.#ends.push(start + length);
    return undefined;
  }

  /** The innermost frame ended. */
  close(): void {
    this.#ends.pop();
  }

  clear(): void {
    this.#ends = [];
  }
}
