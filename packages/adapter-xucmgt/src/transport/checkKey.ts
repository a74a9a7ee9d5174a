import { sameSecret } from '@switchboard/core';

export type KeyCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: 'no key' | 'several keys' | 'wrong key' };

/**
 * Checks the `key` query parameter of a POST against the `secret` option, in constant time (neither
 * the length nor a prefix leaks). Without a secret every request passes. The problem names what was
 * wrong, never the value.
 */
export function checkKey(given: unknown, secret: string | undefined): KeyCheck {
  if (secret === undefined) return { ok: true };
  if (Array.isArray(given)) return { ok: false, problem: 'several keys' };
  if (typeof given !== 'string' || given === '') return { ok: false, problem: 'no key' };
  return sameSecret(given, secret) ? { ok: true } : { ok: false, problem: 'wrong key' };
}
