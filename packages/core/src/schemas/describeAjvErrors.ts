import type { ErrorObject } from 'ajv';

/** `/call/queue` → `call.queue`. */
const dotted = (pointer: string): string =>
  pointer.slice(1).replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~');

/** One human sentence per ajv error: where (`call.queue`, or the subject) and what was expected. */
export function describeAjvError(error: ErrorObject, subject = 'the document'): string {
  const where = error.instancePath === '' ? subject : `\`${dotted(error.instancePath)}\``;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has an unknown property \`${String(params.additionalProperty)}\``;
    case 'required':
      return `${where} is missing the required property \`${String(params.missingProperty)}\``;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${where} must be ${String(params.type)}`;
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

export function describeAjvErrors(
  errors: readonly ErrorObject[] | null | undefined,
  subject = 'the document',
): string {
  if (!errors || errors.length === 0) return 'invalid';
  return errors
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map((e) => describeAjvError(e, subject))
    .join('; ');
}
