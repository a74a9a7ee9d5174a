/** Keys whose values are secrets wherever they appear (params, vars, options): never logged or shown. */
export const sensitiveKey =
  /^(token|password|passwd|secret|key|authorization|api[-_]?key|jwt|cookie|x-api-key)$/i;

/** JSON with the values of sensitive keys masked. */
export function maskSensitive(value: unknown): string {
  return (
    JSON.stringify(value, (key, v) => (sensitiveKey.test(key) && v !== undefined ? '[REDACTED]' : v)) ??
    'null'
  );
}

/** pino `redact` paths for the same keys, at the top level and one or two levels down. */
export const sensitivePaths: string[] = [
  'token',
  'password',
  'secret',
  'key',
  'authorization',
  'cookie',
  'jwt',
].flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);
