import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { maskSensitive } from '../logging/sensitiveKeys.js';

/** JSON for the console: values under sensitive keys masked, then every known secret redacted. */
export function redactForConsole(value: unknown, redactor: SecretRedactor): string {
  return redactor.redact(maskSensitive(value));
}
