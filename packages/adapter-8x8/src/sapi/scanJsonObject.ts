/** Where a scan of a JSON object stopped, so the next chunk continues instead of starting over. */
export interface JsonScanState {
  index: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
}

export const newJsonScan = (start: number): JsonScanState => ({
  index: start,
  depth: 0,
  inString: false,
  escaped: false,
});

/**
 * Finds the end of the JSON object starting at the scan's first index: the index after its closing
 * brace, or -1 when the text ends first (the state then holds the progress). Strings and escapes are
 * honoured, so braces inside values do not count.
 */
export function scanJsonObject(text: string, state: JsonScanState): number {
  for (let i = state.index; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (state.inString) {
      if (state.escaped) state.escaped = false;
      else if (c === 0x5c) state.escaped = true;
      else if (c === 0x22) state.inString = false;
    } else if (c === 0x22) {
      state.inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      state.depth += 1;
    } else if (c === 0x7d || c === 0x5d) {
      state.depth -= 1;
      if (state.depth === 0) {
        state.index = i + 1;
        return i + 1;
      }
    }
  }
  state.index = text.length;
  return -1;
}
