import { describeError, type SwitchboardError } from '@switchboard/core';
import type { SecretRedactor } from '../logging/SecretRedactor.js';

/** Exit codes of every command. */
export const ExitCode = { ok: 0, invalid: 1, usage: 2 } as const;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/**
 * What a command prints through: every line passes the redactor, which the command teaches the
 * secrets of its config as soon as it has read it (`redactorFor(prepared, output.redactor)`), so
 * problems, reports and errors never carry a secret to a terminal or a CI log.
 */
export interface CommandOutput extends Output {
  readonly redactor: SecretRedactor;
}

export function redactedOutput(output: Output, redactor: SecretRedactor): CommandOutput {
  return {
    redactor,
    out: (line) => output.out(redactor.redact(line)),
    err: (line) => output.err(redactor.redact(line)),
  };
}

export const stdio: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Prints problems one per line as `file:line:col message [CODE]`, errors before warnings. */
export function printProblems(
  output: Output,
  errors: readonly SwitchboardError[],
  warnings: readonly SwitchboardError[] = [],
): void {
  const sorted = [...errors].sort(byPosition);
  for (const e of sorted) output.err(describeError(e));
  for (const w of [...warnings].sort(byPosition)) output.err(`${describeError(w)} (warning)`);
}

function byPosition(a: SwitchboardError, b: SwitchboardError): number {
  const pa = a.position;
  const pb = b.position;
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  return pa.file.localeCompare(pb.file) || pa.line - pb.line || pa.col - pb.col;
}

export const color = (enabled: boolean) => ({
  red: (s: string) => (enabled ? `\x1b[31m${s}\x1b[39m` : s),
  green: (s: string) => (enabled ? `\x1b[32m${s}\x1b[39m` : s),
  dim: (s: string) => (enabled ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (enabled ? `\x1b[1m${s}\x1b[22m` : s),
});
