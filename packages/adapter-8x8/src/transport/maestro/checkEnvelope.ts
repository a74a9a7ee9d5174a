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

/** `value` when it is a plain object (core's `isRecord`, which the browser bundle cannot import). */
const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

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
  const envelope = objectOf(value);
  if (!envelope) return invalid('NOT_AN_OBJECT');
  if (envelope.status === 'failed') {
    return validators.failed(envelope)
      ? { ok: true, kind: 'failed', envelope }
      : invalid('INVALID_SCHEMA', issues(validators.failed));
  }
  if (envelope.status !== 'success') {
    return invalid('INVALID_SCHEMA', [{ path: '/status', message: 'must be "success" or "failed"' }]);
  }
  const data = objectOf(envelope.data);
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
  return validator(envelope)
    ? { ok: true, kind: 'success', envelope }
    : invalid('INVALID_SCHEMA', issues(validator));
}
