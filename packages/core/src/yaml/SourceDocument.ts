import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type SourcePosition, SwitchboardError } from '../errors/index.js';
import { emptyKeys } from './emptyKeys.js';
import { firstLine, yamlProblems } from './yamlProblems.js';

export type JsonPath = readonly (string | number)[];

/**
 * A YAML file parsed with its source positions kept, so every later problem (schema, unknown action,
 * bad template) can be reported as `file:line:col`.
 */
export class SourceDocument {
  readonly file: string;
  readonly value: unknown;
  readonly #doc: Document.Parsed;
  readonly #lines: LineCounter;
  readonly #text: string;

  private constructor(file: string, doc: Document.Parsed, lines: LineCounter, text: string) {
    this.file = file;
    this.#doc = doc;
    this.#lines = lines;
    this.#text = text;
    this.value = doc.toJS({ maxAliasCount: 100 });
  }

  /** The document's value; a value that cannot be built (an alias bomb) is a positioned error. */
  static #build(
    file: string,
    doc: Document.Parsed,
    lines: LineCounter,
    text: string,
  ): SourceDocument | SwitchboardError {
    try {
      return new SourceDocument(file, doc, lines, text);
    } catch (error) {
      return new SwitchboardError('SWB_YAML_SYNTAX', `YAML: ${firstLine((error as Error).message)}`, {
        position: { file, line: 1, col: 1 },
      });
    }
  }

  /** Parses YAML text; YAML syntax errors come back as `SWB_YAML_SYNTAX` errors with positions. */
  static parse(file: string, text: string): { document?: SourceDocument; errors: SwitchboardError[] } {
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      merge: false,
    });
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
    let node: unknown = this.#doc.contents;
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
    const { line, col } = this.#lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /**
   * Position of character `offset` of the string at `path` (a `{{ }}` inside a URL), when the string is
   * written on one line without escapes or `${VAR}`s; else the position of the string itself.
   */
  positionInText(path: JsonPath, offset: number): SourcePosition {
    const at = this.positionOf(path);
    const node = this.#doc.getIn(path, true);
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
      position: this.positionOf(path, options),
      path,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
  }
}
