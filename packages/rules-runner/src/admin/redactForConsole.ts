import type { SecretRedactor } from '../logging/SecretRedactor.js';

const sensitiveKey = /^(token|password|passwd|secret|authorization|api[-_]?key|jwt|cookie)$/i;

/** JSON for the console: values under sensitive keys masked, then every known secret redacted. */
export function redactForConsole(value: unknown, redactor: SecretRedactor): string {
  const json = JSON.stringify(value, (key, v) =>
    sensitiveKey.test(key) && v !== undefined ? '[REDACTED]' : v,
  );
  return redactor.redact(json ?? 'null');
}
