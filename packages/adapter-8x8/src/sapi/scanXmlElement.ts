/** Where a scan of an XML document stopped (at a `<` whose markup is not complete yet). */
export interface XmlScanState {
  index: number;
  depth: number;
}

export const newXmlScan = (start: number): XmlScanState => ({ index: start, depth: 0 });

/** Markup that is skipped whole: its opening and closing delimiters. */
const skipped: readonly (readonly [string, string])[] = [
  ['<?', '?>'],
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<!', '>'],
];

/**
 * Finds the end of one XML document starting at the scan's index: declarations, processing
 * instructions and comments before the root element belong to it; it ends with the root element's
 * closing tag. Returns the index after it, or -1 when the text ends first.
 */
export function scanXmlElement(text: string, state: XmlScanState): number {
  let i = state.index;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      state.index = text.length;
      return -1;
    }
    state.index = lt;
    const markup = skippedMarkup(text, lt);
    if (markup === 'incomplete') return -1;
    if (markup) {
      const close = text.indexOf(markup[1], lt + markup[0].length);
      if (close < 0) return -1;
      i = close + markup[1].length;
      continue;
    }
    const end = tagEnd(text, lt + 1);
    if (end < 0) return -1;
    if (text.charCodeAt(lt + 1) === 0x2f) state.depth -= 1;
    else if (text.charCodeAt(end - 1) !== 0x2f) state.depth += 1;
    i = end + 1;
    if (state.depth <= 0) {
      state.index = i;
      return i;
    }
  }
}

/** The delimiters of a skipped construct at `lt`, undefined for a tag, 'incomplete' when undecidable yet. */
function skippedMarkup(text: string, lt: number): readonly [string, string] | undefined | 'incomplete' {
  if (text.charCodeAt(lt + 1) !== 0x3f && text.charCodeAt(lt + 1) !== 0x21) {
    return lt + 1 < text.length ? undefined : 'incomplete';
  }
  for (const pair of skipped) {
    const open = pair[0];
    const available = text.length - lt;
    if (available < open.length) {
      if (open.startsWith(text.slice(lt))) return 'incomplete';
      continue;
    }
    if (text.startsWith(open, lt)) return pair;
  }
  return undefined;
}

/** Index of the `>` closing the tag whose name starts at `from`, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e) {
      return i;
    }
  }
  return -1;
}
