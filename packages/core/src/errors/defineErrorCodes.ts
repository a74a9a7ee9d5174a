import { SwitchboardError, type SwitchboardErrorOptions } from './SwitchboardError.js';

/** A prefix of error codes: an upper-case letter, then 1–15 upper-case letters or digits (`X8`, `XC`, `ACME`). */
export const errorPrefixPattern = /^[A-Z][A-Z0-9]{1,15}$/;

/**
 * The error codes of one package (core's, an adapter's, a plugin's), all under one prefix, each with the
 * one-line description the docs and the README table show. An adapter declares its catalog in its
 * manifest (`errors`): a thrown error whose `code` is in a loaded catalog keeps that code in the action's
 * outcome, `action.failed`, the log line and `switchboard_action_errors_total{code}`.
 */
export interface ErrorCatalog<C extends string = string> {
  readonly prefix: string;
  /** Code → one-line description. */
  readonly codes: Readonly<Record<C, string>>;
  /** A `SwitchboardError` with one of these codes. */
  error(code: C, message: string, options?: SwitchboardErrorOptions): SwitchboardError;
  /** A `SwitchboardError` of this catalog (of `code`, when given). */
  is(value: unknown, code?: C): value is SwitchboardError;
}

/**
 * Declares a catalog: `defineErrorCodes('XC', { XC_NOT_CONNECTED: 'An action ran while …' })`. Every code
 * must start with `<prefix>_`: the type says so, and a wrong one throws when the module loads.
 */
export function defineErrorCodes<const P extends string, const C extends `${P}_${string}`>(
  prefix: P,
  codes: Readonly<Record<C, string>>,
): ErrorCatalog<C> {
  if (!errorPrefixPattern.test(prefix)) {
    throw new SwitchboardError(
      'SWB_PLUGIN_MANIFEST',
      `error prefix \`${prefix}\` must be an upper-case letter and 1 to 15 upper-case letters or digits`,
    );
  }
  const own = new Set<string>(Object.keys(codes));
  for (const code of own) {
    if (!code.startsWith(`${prefix}_`) || !/^[A-Z0-9_]+$/.test(code)) {
      throw new SwitchboardError(
        'SWB_PLUGIN_MANIFEST',
        `error code \`${code}\` must be \`${prefix}_\` followed by upper-case letters, digits and _`,
      );
    }
  }
  return Object.freeze({
    prefix,
    codes: Object.freeze({ ...codes }),
    error: (code: C, message: string, options?: SwitchboardErrorOptions) =>
      new SwitchboardError(code, message, options),
    is: (value: unknown, code?: C): value is SwitchboardError =>
      SwitchboardError.is(value) && (code === undefined ? own.has(value.code) : value.code === code),
  });
}
