import { SwitchboardError } from '@switchboard/core';
import { describeUnmatched, resolveFiles } from '../config/resolveFiles.js';
import { prepare } from '../daemon/prepare.js';
import { redactorFor } from '../logging/redactorFor.js';
import { runTestFiles } from '../testing/runTestFiles.js';
import { type CommandOutput, ExitCode, printProblems } from './output.js';

export interface TestOptions {
  readonly config: string;
  /** Test files or globs; default: the config's `tests`. */
  readonly files: readonly string[];
  readonly color: boolean;
  /** For each given event, every rule listening to it and why it did (not) fire. */
  readonly explain?: boolean;
}

/**
 * `rules-runner test`: runs rule test files; exit 1 when a test fails or a file is invalid. Results and
 * the summary go to stdout, problems with the files to stderr.
 */
export async function testCommand(options: TestOptions, output: CommandOutput): Promise<number> {
  const prepared = await prepare(options.config);
  redactorFor(prepared, output.redactor);
  const ruleSet = prepared.rules?.ruleSet;
  if (prepared.errors.length > 0 || !prepared.config || !ruleSet) {
    printProblems(output, prepared.errors, prepared.warnings);
    return ExitCode.invalid;
  }
  const { tests } = prepared.config;
  const fromConfig = options.files.length === 0;
  const { files, unmatched } = fromConfig
    ? await resolveFiles(tests, prepared.loaded.dir)
    : await resolveFiles(options.files, process.cwd());
  const document = prepared.loaded.document;
  const missing = unmatched.map(({ entry, index }) =>
    fromConfig && document
      ? document.error(
          'SWB_CONFIG_NOT_FOUND',
          `tests: ${describeUnmatched(entry)}`,
          typeof tests === 'string' ? ['tests'] : ['tests', index],
        )
      : new SwitchboardError('SWB_CONFIG_NOT_FOUND', describeUnmatched(entry)),
  );
  if (missing.length > 0) {
    printProblems(output, missing);
    return ExitCode.invalid;
  }
  if (files.length === 0) {
    output.err('no rule test files: give them as arguments or list them under `tests:` in the config');
    return ExitCode.invalid;
  }
  const summary = await runTestFiles(files, ruleSet, prepared.instances, output, {
    color: options.color,
    explain: options.explain === true,
    redactor: output.redactor,
  });
  printProblems(output, summary.problems);
  const invalid =
    summary.problems.length > 0 ? `, ${summary.problems.length} invalid test file problem(s)` : '';
  output.out(`${summary.passed} passed, ${summary.failed} failed${invalid}`);
  return summary.failed > 0 || summary.problems.length > 0 ? ExitCode.invalid : ExitCode.ok;
}
