import type { SwitchboardError } from '../errors/index.js';
import type { JsonPath, SourceDocument } from './SourceDocument.js';

const pattern = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolationResult {
  readonly value: unknown;
  readonly errors: SwitchboardError[];
  /** Every value read from the environment: treated as secrets and redacted from logs. */
  readonly secrets: string[];
}

/**
 * Replaces `${VAR}` (and `${VAR:-default}`) in every string of a parsed document with the
 * environment's value; `$${VAR}` stays a literal `${VAR}`. A variable that is not set (and has no
 * default) is an error at its position. Values read are reported as secrets.
 */
export function interpolateEnv(doc: SourceDocument, env: NodeJS.ProcessEnv): InterpolationResult {
  const errors: SwitchboardError[] = [];
  const secrets: string[] = [];
  const walk = (value: unknown, path: JsonPath): unknown => {
    if (typeof value === 'string') return value.includes('${') ? replace(value, path) : value;
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        // A `__proto__` key stays an ordinary key (for the schema to refuse), never a prototype.
        Object.defineProperty(out, k, {
          value: walk(v, [...path, k]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return value;
  };
  const replace = (text: string, path: JsonPath): string =>
    text.replace(pattern, (whole, escaped: string, name: string, fallback: string | undefined) => {
      if (escaped) return whole.slice(1);
      const found = env[name];
      if (found !== undefined && found !== '') {
        secrets.push(found);
        return found;
      }
      if (fallback !== undefined) return fallback;
      errors.push(
        doc.error(
          'SWB_CONFIG_MISSING_ENV',
          `environment variable \`${name}\` is not set (read as \`${whole}\`)`,
          path,
        ),
      );
      return '';
    });
  return { value: walk(doc.value, []), errors, secrets };
}
