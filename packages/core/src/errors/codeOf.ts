/** The code every failure gets whose own code is not in a loaded catalog. */
export const fallbackActionCode = 'SWB_ACTION_FAILED';

/**
 * The code an action failure is reported with: the thrown value's `code` when a loaded catalog (core's
 * or an adapter's) registers it, else `SWB_ACTION_FAILED`. System codes (`ECONNREFUSED`) and codes no
 * manifest declares stay out of outcomes and metric labels, so their set stays known and small.
 */
export function codeOf(error: unknown, registered: ReadonlySet<string>): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && registered.has(code) ? code : fallbackActionCode;
}
