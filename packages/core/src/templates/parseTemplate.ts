import type { ParsedTemplate, Placeholder } from './Placeholder.js';
import { parsePlaceholder } from './parsePlaceholder.js';

/** Splits a template into literal text and parsed `{{ }}` placeholders; throws `SWB_TEMPLATE_SYNTAX`. */
export function parseTemplate(source: string): ParsedTemplate {
  const literals: string[] = [];
  const placeholders: Placeholder[] = [];
  let literalStart = 0;
  for (let open = source.indexOf('{{'); open !== -1; open = source.indexOf('{{', literalStart)) {
    const placeholder = parsePlaceholder(source, open);
    literals.push(source.slice(literalStart, open));
    placeholders.push(placeholder);
    literalStart = placeholder.end;
  }
  literals.push(source.slice(literalStart));
  return { literals, placeholders };
}
