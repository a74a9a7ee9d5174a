import type { CompiledTemplate, TemplateEncoding, TemplateOptions } from './CompiledTemplate.js';
import { assertHeaderLiteral, compileHeaderTemplate } from './compileHeaderTemplate.js';
import { type CompiledPlaceholder, compilePlaceholder } from './compilePlaceholder.js';
import { compileUrlTemplate } from './compileUrlTemplate.js';
import { escapeHtml } from './escapeHtml.js';
import { parseTemplate } from './parseTemplate.js';
import { valueToString } from './valueToString.js';

/**
 * Parses a template once for many renders. Throws `SWB_TEMPLATE_SYNTAX` (with the character offset) for
 * malformed placeholders and unknown filters, `SWB_TEMPLATE_PLACEMENT` for a url value that could decide
 * where a request goes (see `compileUrlTemplate`), and `SWB_HTTP_HEADER_VALUE` for header text HTTP
 * cannot carry.
 */
export function compileTemplate(
  source: string,
  encoding: TemplateEncoding,
  options: TemplateOptions = {},
): CompiledTemplate {
  if (options.allowHosts !== undefined) return compileNew(source, encoding, options);
  // A compiled template is immutable and renders from its data alone: rules that share a text (a
  // default such as `{{ call.peer }}`, the same CRM URL) share one compiled template, so thousands of
  // rules keep fewer objects hot.
  const key = `${encoding}\u0000${source}`;
  let template = shared.get(key);
  if (template === undefined) {
    template = compileNew(source, encoding, options);
    if (shared.size >= maxShared) shared.clear();
    shared.set(key, template);
  }
  return template;
}

const shared = new Map<string, CompiledTemplate>();
const maxShared = 20_000;

function compileNew(source: string, encoding: TemplateEncoding, options: TemplateOptions): CompiledTemplate {
  const { literals, placeholders } = parseTemplate(source);
  const values = placeholders.map(compilePlaceholder);
  const paths = [...new Set(placeholders.map((p) => p.pathText))];
  const { render, hostFromValue } = compileRender(literals, values, encoding, options);
  return Object.freeze({ source, encoding, paths: Object.freeze(paths), hostFromValue, render });
}

function compileRender(
  literals: readonly string[],
  values: readonly CompiledPlaceholder[],
  encoding: TemplateEncoding,
  options: TemplateOptions,
): { render: (data: unknown) => unknown; hostFromValue: boolean } {
  if (values.length === 0) {
    const text = literals[0]!;
    if (encoding === 'header') assertHeaderLiteral(text);
    return { render: () => text, hostFromValue: false };
  }
  switch (encoding) {
    case 'url':
      return compileUrlTemplate(literals, values, options.allowHosts);
    case 'header':
      return { render: compileHeaderTemplate(literals, values), hostFromValue: false };
    case 'html':
      return { render: compileTextRender(literals, values, true), hostFromValue: false };
    case 'text':
      return {
        render:
          values.length === 1 && literals[0] === '' && literals[1] === ''
            ? typedValue(values[0]!)
            : compileTextRender(literals, values, false),
        hostFromValue: false,
      };
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
