import { writeFile } from 'node:fs/promises';
import { coreActionSpecs } from '@switchboard/core';
import { buildRuleFileSchema } from '@switchboard/core/host';
import { prepare } from '../daemon/prepare.js';
import { redactorFor } from '../logging/redactorFor.js';
import { type CommandOutput, ExitCode, printProblems } from './output.js';

/** `rules-runner schema`: the rule-file JSON Schema with every configured adapter's actions and params. */
export async function schemaCommand(
  options: { config: string; out?: string },
  output: CommandOutput,
): Promise<number> {
  const prepared = await prepare(options.config);
  redactorFor(prepared, output.redactor);
  const configErrors = prepared.errors.filter((e) => !prepared.rules?.errors.includes(e));
  if (configErrors.length > 0 || !prepared.config) {
    printProblems(output, configErrors);
    return ExitCode.invalid;
  }
  const actions: Record<string, { params: object }> = { ...coreActionSpecs };
  for (const instance of prepared.catalog) Object.assign(actions, instance.manifest.actions);
  const text = `${JSON.stringify(buildRuleFileSchema(actions), null, 2)}\n`;
  if (options.out) {
    await writeFile(options.out, text);
    output.out(`wrote ${options.out}`);
  } else {
    output.out(text);
  }
  return ExitCode.ok;
}
