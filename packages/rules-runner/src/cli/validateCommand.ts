import { SwitchboardError } from '@switchboard/core';
import { loadRuleFiles, RuleCatalog } from '@switchboard/core/host';
import { describeUnmatched, resolveFiles } from '../config/resolveFiles.js';
import { prepare } from '../daemon/prepare.js';
import { redactorFor } from '../logging/redactorFor.js';
import { type CommandOutput, ExitCode, printProblems } from './output.js';

export interface ValidateOptions {
  readonly config: string;
  /** Rule files to check instead of the config's `rules`. */
  readonly files: readonly string[];
  /** Warnings (a field no event carries, an unlisted vendor event, …) count as errors. */
  readonly strict?: boolean;
}

/**
 * `rules-runner validate`: config, adapters and rules; every problem as `file:line:col message`, root
 * causes first. Warnings do not fail it, unless `strict`.
 */
export async function validateCommand(options: ValidateOptions, output: CommandOutput): Promise<number> {
  const prepared = await prepare(options.config);
  redactorFor(prepared, output.redactor);
  if (!prepared.config) {
    printProblems(output, prepared.errors);
    output.err(`${prepared.errors.length} problem(s) found`);
    return ExitCode.invalid;
  }
  let { errors, warnings } = prepared;
  let ruleCount = prepared.rules?.ruleSet?.rules.length ?? 0;
  if (options.files.length > 0) {
    const catalog = new RuleCatalog(prepared.catalog, { unloaded: prepared.unloaded });
    const { files, unmatched } = await resolveFiles(options.files, process.cwd());
    const rules = await loadRuleFiles(files, {
      catalog,
      defaultActionTimeoutMs: prepared.config.actions.timeout,
    });
    output.redactor.add(rules.secrets);
    const configErrors = prepared.errors.filter((e) => !prepared.rules?.errors.includes(e));
    const missing = unmatched.map(
      ({ entry }) => new SwitchboardError('SWB_CONFIG_NOT_FOUND', describeUnmatched(entry)),
    );
    errors = [...configErrors, ...missing, ...rules.errors];
    warnings = rules.warnings;
    ruleCount = rules.ruleSet?.rules.length ?? 0;
  }
  if (options.strict && warnings.length > 0) {
    printProblems(output, errors);
    printProblems(output, [], warnings, 'warning, an error with --strict');
    output.err(`${errors.length + warnings.length} problem(s) found`);
    return ExitCode.invalid;
  }
  printProblems(output, errors, warnings);
  if (errors.length > 0) {
    output.err(`${errors.length} problem(s) found`);
    return ExitCode.invalid;
  }
  const noted = warnings.length > 0 ? `, ${warnings.length} warning(s) (--strict makes them errors)` : '';
  output.out(`ok: ${prepared.catalog.length} adapter instance(s), ${ruleCount} rule(s)${noted}`);
  return ExitCode.ok;
}
