/**
 * Decides what a message from the Maestro iframe is, given validators for its schemas. Shared by the
 * browser bridge (standalone validators) and the daemon (ajv): no DOM or Node APIs here.
 */

export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

interface AjvLikeError {
  readonly instancePath?: string;
  readonly message?: string;
}

/** An ajv validate function (compiled or standalone). */
export type EnvelopeValidator = ((data: unknown) => boolean) & {
  errors?: readonly AjvLikeError[] | null;
};

export interface EnvelopeValidators {
  /** By `schemaVersion`. */
  readonly success: Readonly<Record<string, EnvelopeValidator>>;
  readonly failed: EnvelopeValidator;
  readonly defaultVersion: string;
}

export type EnvelopeCheck =
  | { readonly ok: true; readonly kind: 'success' | 'failed'; readonly envelope: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string; readonly errors: readonly ValidationIssue[] };

const maxIssues = 20;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const invalid = (reason: string, errors: readonly ValidationIssue[] = []): EnvelopeCheck => ({
  ok: false,
  reason,
  errors,
});

function issues(validator: EnvelopeValidator): ValidationIssue[] {
  return (validator.errors ?? []).slice(0, maxIssues).map((e) => ({
    path: e.instancePath || '/',
    message: e.message ?? 'is invalid',
  }));
}

/** Checks a posted message (an object, or a JSON string) against the schema its status and version name. */
export function checkEnvelope(message: unknown, validators: EnvelopeValidators): EnvelopeCheck {
  let value = message;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return invalid('NOT_JSON');
    }
  }
  if (!isRecord(value)) return invalid('NOT_AN_OBJECT');
  if (value.status === 'failed') {
    return validators.failed(value)
      ? { ok: true, kind: 'failed', envelope: value }
      : invalid('INVALID_SCHEMA', issues(validators.failed));
  }
  if (value.status !== 'success') {
    return invalid('INVALID_SCHEMA', [{ path: '/status', message: 'must be "success" or "failed"' }]);
  }
  const data = isRecord(value.data) ? value.data : undefined;
  const version = data?.schemaVersion ?? validators.defaultVersion;
  const validator = typeof version === 'string' ? validators.success[version] : undefined;
  if (!validator) {
    return invalid('UNSUPPORTED_SCHEMA_VERSION', [
      {
        path: '/data/schemaVersion',
        message: `${JSON.stringify(version)} is not one of ${Object.keys(validators.success).join(', ')}`,
      },
    ]);
  }
  return validator(value)
    ? { ok: true, kind: 'success', envelope: value }
    : invalid('INVALID_SCHEMA', issues(validator));
}
