import { readFile } from 'node:fs/promises';
import { createAjv, SourceDocument, type SwitchboardError, schemaProblems } from '@switchboard/core';
import { formatPosition, type InstanceConfig, type RuleSet } from '@switchboard/core/host';
import { color, type Output } from '../cli/output.js';
import type { ResolvedFile } from '../config/resolveFiles.js';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { explainEvents, explainMissing, missingActions } from './explainMissing.js';
import { formatDiff } from './formatDiff.js';
import { ruleTestSchema } from './ruleTestSchema.js';
import { type RuleTest, runRuleTest } from './runRuleTest.js';

export interface TestSummary {
  readonly passed: number;
  readonly failed: number;
  readonly problems: SwitchboardError[];
}

const validate = createAjv().compile(ruleTestSchema);

export interface TestRunOptions {
  readonly color: boolean;
  /** After each test, every given event with every rule listening to it and why it did (not) fire. */
  readonly explain?: boolean;
  readonly redactor: SecretRedactor;
}

/**
 * Runs every test in every file and prints a readable report: a diff per failing test, and for each
 * expected action that did not happen, the rules that do it and why each did not fire.
 */
export async function runTestFiles(
  files: readonly ResolvedFile[],
  rules: RuleSet,
  instances: readonly InstanceConfig[],
  output: Output,
  options: TestRunOptions,
): Promise<TestSummary> {
  const useColor = options.color;
  const c = color(useColor);
  let passed = 0;
  let failed = 0;
  const problems: SwitchboardError[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file.path, 'utf8');
    } catch (error) {
      output.err(
        `${file.display}:1:1 cannot read test file: ${(error as Error).message} [SWB_CONFIG_NOT_FOUND]`,
      );
      failed += 1;
      continue;
    }
    const parsed = SourceDocument.parse(file.display, text);
    const doc = parsed.document;
    if (!doc) {
      problems.push(...parsed.errors);
      continue;
    }
    if (!validate(doc.value)) {
      problems.push(...schemaProblems(doc, validate.errors, [], 'the test file'));
      continue;
    }
    output.out(c.bold(file.display));
    const tests = (doc.value as { tests: RuleTest[] }).tests;
    for (const [i, test] of tests.entries()) {
      const result = await runRuleTest(test, rules, instances);
      const ms = `${Math.round(result.durationMs)} ms`;
      const explain = (): void => {
        if (!options.explain) return;
        for (const line of explainEvents(result.events, options.redactor)) output.out(`    ${line}`);
      };
      if (result.passed) {
        passed += 1;
        output.out(`  ${c.green('✓')} ${test.name} ${c.dim(`(${ms})`)}`);
        explain();
        continue;
      }
      failed += 1;
      const where = doc.positionOf(['tests', i, 'name']);
      output.out(`  ${c.red('✗')} ${test.name} ${c.dim(formatPosition(where))}`);
      if (result.error) {
        const at = result.errorAt
          ? doc.positionOf(['tests', i, ...result.errorAt.path], { key: result.errorAt.key })
          : undefined;
        output.out(`    ${c.red(result.error)}${at ? ` ${c.dim(`at ${formatPosition(at)}`)}` : ''}`);
      } else {
        const summary =
          result.expected.length === result.actual.length
            ? 'the actions differ:'
            : `expected ${result.expected.length} action(s), got ${result.actual.length}:`;
        output.out(`    ${summary}`);
        for (const line of formatDiff(result.expected, result.actual, useColor).split('\n'))
          output.out(`    ${line}`);
        const missing = missingActions(result.expected, result.actual);
        for (const line of explainMissing(missing, result.events, rules, options.redactor))
          output.out(`    ${line}`);
      }
      explain();
    }
  }
  return { passed, failed, problems };
}
