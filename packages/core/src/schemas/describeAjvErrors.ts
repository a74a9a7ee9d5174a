import type { ErrorObject } from 'ajv';

/** One human sentence per ajv error: where (`/do/0`) and what was expected. */
export function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the document' : `\`${error.instancePath}\``;
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

export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'invalid';
  return errors.map(describeAjvError).join('; ');
}
