import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type SourcePosition, SwitchboardError } from '../errors/index.js';
import { emptyKeys } from './emptyKeys.js';
import { type CommonYamlNode, parseCommonYaml } from './parseCommonYaml.js';
import { firstLine, yamlProblems } from './yamlProblems.js';

export type JsonPath = readonly (string | number)[];

const parseOptions = { prettyErrors: false, uniqueKeys: true, merge: false } as const;

/** The full parser's document of a text and its line counter. */
interface Parsed {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

function parseFully(text: string): Parsed {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { ...parseOptions, lineCounter: lines }), lines };
}

/**
 * A YAML file parsed with its source positions kept, so every later problem (schema, unknown action,
 * bad template) can be reported as `file:line:col`.
 *
 * Most files are written in a common subset of YAML that a fast parser reads (`parseCommonYaml`, the
 * same value and node offsets). Such a file is parsed by the `yaml` library, with its node tree, only
 * once a problem is reported in it: every problem's position comes from that full parse, as for a file
 * the fast parser leaves to it.
 */
export class SourceDocument {
  readonly file: string;
  readonly value: unknown;
  #parsed: Parsed | undefined;
  /** The fast parser's node offsets, when it read the file. */
  readonly #common: CommonYamlNode | undefined;
  /** Offsets where each line starts, for the fast parser's positions (built when first needed). */
  #lineStarts: number[] | undefined;
  readonly #text: string;

  private constructor(file: string, text: string, value: unknown, parsed?: Parsed, common?: CommonYamlNode) {
    this.file = file;
    this.#parsed = parsed;
    this.#common = common;
    this.#text = text;
    this.value = value;
  }

  /** The full parser's document; parsed on first use for a file the fast parser read. */
  get #full(): Parsed {
    this.#parsed ??= parseFully(this.#text);
    return this.#parsed;
  }

  /** The document's value; a value that cannot be built (an alias bomb) is a positioned error. */
  static #build(
    file: string,
    doc: Document.Parsed,
    lines: LineCounter,
    text: string,
  ): SourceDocument | SwitchboardError {
    try {
      return new SourceDocument(file, text, doc.toJS({ maxAliasCount: 100 }), { doc, lines });
    } catch (error) {
      return new SwitchboardError('SWB_YAML_SYNTAX', `YAML: ${firstLine((error as Error).message)}`, {
        position: { file, line: 1, col: 1 },
      });
    }
  }

  /**
   * Parses YAML text; YAML syntax errors come back as `SWB_YAML_SYNTAX` errors with positions.
   * `fast: false` skips the fast parser (to compare the two).
   */
  static parse(
    file: string,
    text: string,
    options: { fast?: boolean } = {},
  ): { document?: SourceDocument; errors: SwitchboardError[] } {
    const common = options.fast === false ? undefined : parseCommonYaml(text);
    if (common)
      return { document: new SourceDocument(file, text, common.value, undefined, common.root), errors: [] };
    const { doc, lines } = parseFully(text);
    const errors =
      doc.errors.length > 0 ? yamlProblems(file, text, doc.errors, lines) : emptyKeys(file, doc, lines);
    if (errors.length > 0) return { errors };
    const built = SourceDocument.#build(file, doc, lines, text);
    return SwitchboardError.is(built) ? { errors: [built] } : { document: built, errors: [] };
  }

  /**
   * Position of the node at `path`. With `key: true`, the position of the mapping key that holds it
   * (better for "unknown property" messages). Falls back to the nearest existing ancestor.
   */
  positionOf(path: JsonPath, options: { key?: boolean } = {}): SourcePosition {
    const offset = this.#commonOffset(path, options.key === true);
    return offset === undefined ? this.#fullPositionOf(path, options) : this.#linePos(offset);
  }

  /** The fast parser's offset of the node (or key) at `path`, when the path leads to one it placed. */
  #commonOffset(path: JsonPath, key: boolean): number | undefined {
    let node = this.#common;
    let keyOffset: number | undefined;
    for (const step of path) {
      if (!node) return undefined;
      keyOffset = undefined;
      if (node.entries) {
        const entry = node.entries.get(String(step));
        if (!entry) return undefined;
        keyOffset = entry.key;
        node = entry.node;
      } else if (node.items && typeof step === 'number') {
        node = node.items[step];
      } else {
        return undefined;
      }
    }
    if (!node) return undefined;
    if (key && keyOffset !== undefined) return keyOffset;
    return node.start >= 0 ? node.start : undefined;
  }

  #linePos(offset: number): SourcePosition {
    this.#lineStarts ??= lineStartsOf(this.#text);
    const starts = this.#lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { file: this.file, line: low + 1, col: offset - (starts[low] as number) + 1 };
  }

  #fullPositionOf(path: JsonPath, options: { key?: boolean }): SourcePosition {
    const { doc, lines } = this.#full;
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    let best: Node | undefined = node as Node | undefined;
    for (const step of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
        );
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
      } else {
        break;
      }
      if (!node) {
        best = keyNode ?? best;
        break;
      }
      best = options.key && keyNode ? keyNode : (node as Node);
    }
    const offset = best?.range?.[0] ?? 0;
    const { line, col } = lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /**
   * Position of character `offset` of the string at `path` (a `{{ }}` inside a URL), when the string is
   * written on one line without escapes or `${VAR}`s; else the position of the string itself.
   */
  positionInText(path: JsonPath, offset: number): SourcePosition {
    const at = this.#fullPositionOf(path, {});
    const node = this.#full.doc.getIn(path, true);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return at;
    const source = this.#text.slice(node.range[0], node.range[1]);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const inner = quoted ? source.slice(1, -1) : source;
    // Offsets count in the value after `${VAR}`s are read: with one in the text they no longer line up.
    if (inner !== node.value || node.value.includes('${') || offset > inner.length) return at;
    return { ...at, col: at.col + (quoted ? 1 : 0) + offset };
  }

  /** A `SwitchboardError` at character `offset` of the string at `path` (see `positionInText`). */
  errorInText(
    code: ConstructorParameters<typeof SwitchboardError>[0],
    message: string,
    path: JsonPath,
    offset: number,
  ): SwitchboardError {
    return new SwitchboardError(code, message, { position: this.positionInText(path, offset), path });
  }

  /** A `SwitchboardError` positioned at `path`. */
  error(
    code: ConstructorParameters<typeof SwitchboardError>[0],
    message: string,
    path: JsonPath,
    options: { key?: boolean; cause?: unknown } = {},
  ): SwitchboardError {
    return new SwitchboardError(code, message, {
      position: this.#fullPositionOf(path, options),
      path,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
