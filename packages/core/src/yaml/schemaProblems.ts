import type { ErrorObject } from 'ajv';
import type { SwitchboardError } from '../errors/index.js';
import { describeAjvError } from '../schemas/describeAjvErrors.js';
import type { JsonPath, SourceDocument } from './SourceDocument.js';

/** JSON Pointer (`/rules/0/do`) → path (`['rules', 0, 'do']`). */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * ajv errors → positioned `SWB_SCHEMA` errors. `base` is where the validated value sits in the
 * document (e.g. an action's params). Redundant `anyOf`/`oneOf`/`if` wrapper errors are dropped.
 */
export function schemaProblems(
  doc: SourceDocument,
  errors: readonly ErrorObject[] | null | undefined,
  base: JsonPath = [],
  subject = 'document',
): SwitchboardError[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const out: SwitchboardError[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const path = [...base, ...pointerToPath(error.instancePath)];
    const params = error.params as Record<string, unknown>;
    const atKey = error.keyword === 'additionalProperties';
    const target = atKey ? [...path, String(params.additionalProperty)] : path;
    const message = describeAjvError(error, subject);
    const key = `${target.join('.')}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(doc.error('SWB_SCHEMA', message, target, { key: atKey }));
  }
  return out;
}
