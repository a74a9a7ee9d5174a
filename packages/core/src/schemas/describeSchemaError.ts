import type { ErrorObject } from 'ajv';
import { closestName } from '../rules/suggest.js';

const typeWords: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

/** `a mapping or true or false` for ajv's `object,boolean`. */
export function expectedTypes(type: unknown): string {
  const list = Array.isArray(type) ? type : String(type).split(',');
  const words = list.map((t) => typeWords[String(t)] ?? String(t));
  return words.length <= 1
    ? (words[0] ?? 'something else')
    : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** What a value is, for "…, found …": `"Sales"`, `5`, `a list`, `a mapping`, `nothing`. */
export function describeFound(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** `call.queue` for `/call/queue`. */
export const dottedPointer = (pointer: string): string =>
  pointer.slice(1).replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~');

/** An ajv error with `verbose: true`: what was validated and against what. */
type VerboseError = ErrorObject & {
  readonly data?: unknown;
  readonly parentSchema?: Record<string, unknown>;
};

const found = (error: VerboseError): string =>
  'data' in error ? `, found ${describeFound(error.data)}` : '';

/** Words for one alternative of an `anyOf`: its description, or what type it takes. */
function alternative(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return 'a value';
  const s = schema as Record<string, unknown>;
  if (typeof s.description === 'string' && s.description.length <= 40) return s.description;
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (s.type !== undefined) return expectedTypes(s.type);
  return 'a value';
}

/** The keys an alternative requires, when requiring keys is all it does (`{ required: [url] }`). */
function requiredOnly(schema: unknown): string[] | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const { required, description: _description, ...rest } = schema as Record<string, unknown>;
  return Array.isArray(required) && Object.keys(rest).length === 0 ? required.map(String) : undefined;
}

/**
 * `x must be text or a list` for an `anyOf` none of whose alternatives matched; `x needs \`url\` or
 * \`pane\`` when the alternatives only require different keys.
 */
export function describeAlternatives(error: VerboseError, where: string): string {
  const schemas: unknown[] = Array.isArray(error.schema) ? error.schema : [];
  const keys = schemas.map(requiredOnly);
  if (schemas.length > 0 && keys.every((k) => k !== undefined)) {
    const sets = keys.map((k) => (k as string[]).map((name) => `\`${name}\``).join(' and '));
    return `${where} needs ${sets.join(' or ')}`;
  }
  const branches = schemas.map(alternative);
  const unique = [...new Set(branches)];
  const expected =
    unique.length === 0
      ? 'one of the allowed forms'
      : unique.length === 1
        ? unique[0]
        : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
  return `${where} must be ${expected}${found(error)}`;
}

/**
 * One sentence per ajv error in Switchboard's words: where (the subject, or `call.queue`), what was
 * expected and what was found, with the closest allowed name for an unknown key or value and the
 * allowed set for a closed list. Errors from validators compiled with `verbose: true` say more.
 */
export function describeSchemaError(error: ErrorObject, subject = 'the document'): string {
  const e = error as VerboseError;
  const where = error.instancePath === '' ? subject : `\`${dottedPointer(error.instancePath)}\``;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      if (name === '') return `${where} has a value with no key before its \`:\``;
      const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {}).filter(
        (k) => k !== '$schema',
      );
      const near = closestName(name, allowed);
      const hint =
        near !== undefined
          ? `; did you mean \`${near}\`?`
          : allowed.length > 0 && allowed.length <= 16
            ? ` (allowed: ${allowed.map((k) => `\`${k}\``).join(', ')})`
            : '';
      return `${where} has an unknown property \`${name}\`${hint}`;
    }
    case 'required':
      return `${where} is missing the required property \`${String(params.missingProperty)}\``;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const near =
        typeof e.data === 'string'
          ? closestName(
              e.data,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      const hint = near !== undefined ? `; did you mean ${JSON.stringify(near)}?` : '';
      return `${where} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${found(e)}${hint}`;
    }
    case 'type': {
      // A list written without `- `: the most common way to get a mapping where a list goes.
      const dashes =
        String(params.type) === 'array' && typeof e.data === 'object' && e.data !== null
          ? ': start each item with `- `'
          : '';
      return `${where} must be ${expectedTypes(params.type)}${found(e)}${dashes}`;
    }
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}${found(e)}`;
    case 'minItems':
      return `${where} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `${where} takes at most ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'minLength':
      return params.limit === 1
        ? `${where} must not be empty`
        : `${where} must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `${where} must be at most ${String(params.limit)} characters long`;
    case 'minimum':
      return `${where} must be at least ${String(params.limit)}${found(e)}`;
    case 'maximum':
      return `${where} must be at most ${String(params.limit)}${found(e)}`;
    case 'exclusiveMinimum':
      return `${where} must be more than ${String(params.limit)}${found(e)}`;
    case 'exclusiveMaximum':
      return `${where} must be less than ${String(params.limit)}${found(e)}`;
    case 'minProperties':
      return `${where} must not be empty`;
    case 'pattern':
      return `${where} must match pattern ${JSON.stringify(params.pattern)}${found(e)}`;
    case 'format':
      return `${where} must be a valid ${String(params.format)}${found(e)}`;
    case 'anyOf':
    case 'oneOf':
      return describeAlternatives(e, where);
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
