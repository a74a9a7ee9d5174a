import { Ajv, type Options } from 'ajv';
import * as formatsModule from 'ajv-formats';

type AddFormats = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS (`exports.default = plugin`); under NodeNext its default import is the module object.
const imported = formatsModule as unknown as { default: AddFormats | { default: AddFormats } };
const addFormats: AddFormats =
  typeof imported.default === 'function' ? imported.default : imported.default.default;

/**
 * Annotation keywords Switchboard schemas use:
 * - `x-secret`: the value is a secret; it is redacted from logs and the admin surface.
 * - `x-template`: how `{{ }}` values are encoded in this string: `url`, `html`, `header` or `text`.
 * - `x-position`: internal; kept so schema objects can carry source positions.
 */
export const annotationKeywords = ['x-secret', 'x-template', 'x-position', 'x-order'] as const;

/** An ajv instance with formats and Switchboard's annotation keywords, strict about everything else. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    ...options,
  });
  addFormats(ajv);
  for (const keyword of annotationKeywords)
    ajv.addKeyword({ keyword, schemaType: ['string', 'boolean', 'number'] });
  return ajv;
}
