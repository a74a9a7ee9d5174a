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

/**
 * Prints problems one per line as `file:line:col message [CODE]`, errors before warnings. Files come
 * in the order the problems were found (the config before the rule files it lists, so a root cause such
 * as an adapter that cannot be loaded comes first), each file's problems by position.
 */
export function printProblems(
  output: Output,
  errors: readonly SwitchboardError[],
  warnings: readonly SwitchboardError[] = [],
  warningLabel = 'warning',
): void {
  for (const e of inReadingOrder(errors)) output.err(describeError(e));
  for (const w of inReadingOrder(warnings)) output.err(`${describeError(w)} (${warningLabel})`);
}

function inReadingOrder(problems: readonly SwitchboardError[]): SwitchboardError[] {
  const files = new Map<string, number>();
  for (const p of problems) {
    const file = p.position?.file ?? '';
    if (!files.has(file)) files.set(file, files.size);
  }
  return [...problems].sort((a, b) => {
    const pa = a.position;
    const pb = b.position;
    const byFile = (files.get(pa?.file ?? '') ?? 0) - (files.get(pb?.file ?? '') ?? 0);
    if (byFile !== 0 || !pa || !pb) return byFile;
    return pa.line - pb.line || pa.col - pb.col;
  });
}

export const color = (enabled: boolean) => ({
  red: (s: string) => (enabled ? `\x1b[31m${s}\x1b[39m` : s),
  green: (s: string) => (enabled ? `\x1b[32m${s}\x1b[39m` : s),
  dim: (s: string) => (enabled ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (enabled ? `\x1b[1m${s}\x1b[22m` : s),
});
