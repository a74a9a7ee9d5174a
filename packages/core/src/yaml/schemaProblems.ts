import type { ErrorObject } from 'ajv';
import type { SwitchboardError } from '../errors/index.js';
import { describeSchemaError, dottedPointer } from '../schemas/describeSchemaError.js';
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

const alternatives = new Set(['anyOf', 'oneOf']);

/**
 * One error per mistake out of ajv's list. For an `anyOf` none of whose forms matched: when the value
 * has the type of one form, that form's own errors (deeper in the value) say what is wrong; otherwise
 * one error lists the forms, instead of one error per form. `if` wrapper errors are dropped.
 */
export function mistakes(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const choices = errors
    .filter((e) => alternatives.has(e.keyword))
    .sort((a, b) => b.instancePath.length - a.instancePath.length);
  for (const choice of choices) {
    if (dropped.has(choice)) continue;
    const at = choice.instancePath;
    const deeper = errors.some((e) => !dropped.has(e) && e.instancePath.startsWith(`${at}/`));
    for (const e of errors) if (e !== choice && e.instancePath === at) dropped.add(e);
    if (deeper) dropped.add(choice);
  }
  return errors.filter((e) => !dropped.has(e) && e.keyword !== 'if');
}

/**
 * ajv errors → positioned `SWB_SCHEMA` errors, one per mistake, in Switchboard's words (see
 * `describeSchemaError`). `base` is where the validated value sits in the document (e.g. an action's
 * params). An object with one unknown key and one missing required key gets one error: the key is
 * most likely the missing one misspelt.
 */
export function schemaProblems(
  doc: SourceDocument,
  errors: readonly ErrorObject[] | null | undefined,
  base: JsonPath = [],
  subject = 'document',
): SwitchboardError[] {
  if (!errors) return [];
  const kept = mistakes(errors);
  const renamed = renamedKeys(kept, subject);
  const seen = new Set<string>();
  const out: SwitchboardError[] = [];
  for (const error of kept) {
    const rename = renamed.get(error);
    if (rename === null) continue;
    const path = [...base, ...pointerToPath(error.instancePath)];
    const params = error.params as Record<string, unknown>;
    const atKey = error.keyword === 'additionalProperties';
    const target = atKey ? [...path, String(params.additionalProperty)] : path;
    const message = rename ?? describeSchemaError(error, subject);
    const key = `${target.join('.')}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(doc.error('SWB_SCHEMA', message, target, { key: atKey }));
  }
  return out;
}

/**
 * Objects with exactly one unknown key and one missing required key (`when:` for `on:`): the unknown
 * key's error says both (a message), the missing key's error is left out (null).
 */
function renamedKeys(errors: readonly ErrorObject[], subject: string): Map<ErrorObject, string | null> {
  const byObject = new Map<string, { unknown: ErrorObject[]; missing: ErrorObject[] }>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties' && e.keyword !== 'required') continue;
    const entry = byObject.get(e.instancePath) ?? { unknown: [], missing: [] };
    (e.keyword === 'required' ? entry.missing : entry.unknown).push(e);
    byObject.set(e.instancePath, entry);
  }
  const out = new Map<ErrorObject, string | null>();
  for (const [at, { unknown, missing }] of byObject) {
    if (unknown.length !== 1 || missing.length !== 1) continue;
    const u = unknown[0] as ErrorObject;
    const m = missing[0] as ErrorObject;
    const name = String((u.params as Record<string, unknown>).additionalProperty);
    const wanted = String((m.params as Record<string, unknown>).missingProperty);
    if (name === '') continue;
    const where = at === '' ? subject : `\`${dottedPointer(at)}\``;
    out.set(
      u,
      `${where} has an unknown property \`${name}\` and no \`${wanted}\`: did you mean \`${wanted}\`?`,
    );
    out.set(m, null);
  }
  return out;
}
