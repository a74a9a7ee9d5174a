import type { CompiledTemplate, TemplateEncoding } from './CompiledTemplate.js';
import { assertHeaderLiteral, compileHeaderTemplate } from './compileHeaderTemplate.js';
import { type CompiledPlaceholder, compilePlaceholder } from './compilePlaceholder.js';
import { compileUrlTemplate } from './compileUrlTemplate.js';
import { escapeHtml } from './escapeHtml.js';
import { parseTemplate } from './parseTemplate.js';
import { valueToString } from './valueToString.js';

/**
 * Parses a template once for many renders. Throws `SWB_TEMPLATE_SYNTAX` (with the character offset) for
 * malformed placeholders and unknown filters, `SWB_TEMPLATE_PLACEMENT` for a url value in the scheme, and
 * `SWB_HTTP_HEADER_VALUE` for header text HTTP cannot carry.
 */
export function compileTemplate(source: string, encoding: TemplateEncoding): CompiledTemplate {
  const { literals, placeholders } = parseTemplate(source);
  const values = placeholders.map(compilePlaceholder);
  const paths = [...new Set(placeholders.map((p) => p.pathText))];
  return Object.freeze({
    source,
    encoding,
    paths: Object.freeze(paths),
    render: compileRender(literals, values, encoding),
  });
}

function compileRender(
  literals: readonly string[],
  values: readonly CompiledPlaceholder[],
  encoding: TemplateEncoding,
): (data: unknown) => unknown {
  if (values.length === 0) {
    const text = literals[0]!;
    if (encoding === 'header') assertHeaderLiteral(text);
    return () => text;
  }
  switch (encoding) {
    case 'url':
      return compileUrlTemplate(literals, values);
    case 'header':
      return compileHeaderTemplate(literals, values);
    case 'html':
      return compileTextRender(literals, values, true);
    case 'text':
      if (values.length === 1 && literals[0] === '' && literals[1] === '') return typedValue(values[0]!);
      return compileTextRender(literals, values, false);
    default:
      throw new TypeError(`Unknown template encoding ${JSON.stringify(encoding)}`);
  }
}

/** The value of a template that is exactly one placeholder: typed, '' when missing. */
function typedValue(value: CompiledPlaceholder): (data: unknown) => unknown {
  const read = value.read;
  return (data) => {
    const result = read(data);
    return result === undefined ? '' : result;
  };
}

function compileTextRender(
  literals: readonly string[],
  values: readonly CompiledPlaceholder[],
  html: boolean,
): (data: unknown) => string {
  const reads = values.map((v) => v.read);
  const escapes = values.map((v) => html && !v.raw);
  const n = values.length;
  const head = literals[0]!;
  return (data) => {
    let out = head;
    for (let i = 0; i < n; i++) {
      const text = valueToString(reads[i]!(data));
      out += (escapes[i] ? escapeHtml(text) : text) + literals[i + 1]!;
    }
    return out;
  };
}
