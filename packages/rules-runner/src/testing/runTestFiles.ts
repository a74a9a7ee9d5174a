import { readFile } from 'node:fs/promises';
import { createAjv, SourceDocument, type SwitchboardError, schemaProblems } from '@switchboard/core';
import { type InstanceConfig, type RuleSet } from '@switchboard/core/host';
import { color, type Output } from '../cli/output.js';
import type { ResolvedFile } from '../config/resolveFiles.js';
import { formatDiff } from './formatDiff.js';
import { ruleTestSchema } from './ruleTestSchema.js';
import { type RuleTest, runRuleTest } from './runRuleTest.js';

export interface TestSummary {
  readonly passed: number;
  readonly failed: number;
  readonly problems: SwitchboardError[];
}

const validate = createAjv().compile(ruleTestSchema);

/** Runs every test in every file and prints a readable report with a diff per failing test. */
export async function runTestFiles(
  files: readonly ResolvedFile[],
  rules: RuleSet,
  instances: readonly InstanceConfig[],
  output: Output,
  useColor: boolean,
): Promise<TestSummary> {
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
      if (result.passed) {
        passed += 1;
        output.out(`  ${c.green('✓')} ${test.name} ${c.dim(`(${ms})`)}`);
        continue;
      }
      failed += 1;
      const where = doc.positionOf(['tests', i, 'name']);
      output.out(`  ${c.red('✗')} ${test.name} ${c.dim(`${where.file}:${where.line}:${where.col}`)}`);
      if (result.error) output.out(`    ${c.red(result.error)}`);
      else {
        const summary =
          result.expected.length === result.actual.length
            ? 'the actions differ:'
            : `expected ${result.expected.length} action(s), got ${result.actual.length}:`;
        output.out(`    ${summary}`);
        for (const line of formatDiff(result.expected, result.actual, useColor).split('\n'))
          output.out(`    ${line}`);
      }
    }
  }
  return { passed, failed, problems };
}
