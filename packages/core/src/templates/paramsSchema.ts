import { SwitchboardError } from '../errors/index.js';
import { type TemplateEncoding, templateEncodings } from './CompiledTemplate.js';
import { ownProperty } from './ownProperty.js';

/**
 * The encoding for a string at a schema location: `x-template` wins; else `format: uri` or
 * `uri-reference` means url; else text.
 */
export function encodingForSchema(schema: unknown, path: readonly (string | number)[]): TemplateEncoding {
  const declared = ownProperty(schema, 'x-template');
  if (declared !== undefined) {
    if (templateEncodings.includes(declared as TemplateEncoding)) return declared as TemplateEncoding;
    throw new SwitchboardError(
      'SWB_TEMPLATE_SYNTAX',
      `The params schema sets x-template to ${JSON.stringify(declared)}; expected "url", "html", "header" or "text"`,
      { path },
    );
  }
  const format = ownProperty(schema, 'format');
  return format === 'uri' || format === 'uri-reference' ? 'url' : 'text';
}

/** The schema of property `key`: from `properties`, else an object `additionalProperties`. */
export function propertySchema(schema: unknown, key: string): unknown {
  return (
    ownProperty(ownProperty(schema, 'properties'), key) ??
    schemaOrUndefined(ownProperty(schema, 'additionalProperties'))
  );
}

/** The schema of array item `index`: from `prefixItems` or tuple `items`, else an object `items`. */
export function itemSchema(schema: unknown, index: number): unknown {
  const items = ownProperty(schema, 'items');
  const tuple = ownProperty(schema, 'prefixItems') ?? (Array.isArray(items) ? items : undefined);
  const positional = Array.isArray(tuple) ? tuple[index] : undefined;
  if (positional !== undefined) return positional;
  if (Array.isArray(items)) return schemaOrUndefined(ownProperty(schema, 'additionalItems'));
  return schemaOrUndefined(items);
}

function schemaOrUndefined(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}
