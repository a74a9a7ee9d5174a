import { readFile } from 'node:fs/promises';
import {
  createAjv,
  describeError,
  SourceDocument,
  type SwitchboardError,
  schemaProblems,
} from '@switchboard/core';
import { scenarioErrors } from '../errors.js';
import type { Scenario } from './Scenario.js';
import { scenarioSchema } from './scenarioSchema.js';

const validate = createAjv({ useDefaults: true }).compile(scenarioSchema);

/** `file:line:col message`: where in the scenario file a problem is. */
function located(problem: SwitchboardError): string {
  const at = problem.position;
  return at ? `${at.file}:${at.line}:${at.col} ${problem.message}` : problem.message;
}

/** Reads and checks a scenario YAML file; problems are reported as `file:line:col`. */
export async function loadScenario(path: string, display = path): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw scenarioErrors.error(
      'SCENARIO_NOT_FOUND',
      `cannot read scenario ${display}: ${describeError(error)}`,
    );
  }
  const parsed = SourceDocument.parse(display, text);
  const doc = parsed.document;
  if (!doc) {
    const problem = parsed.errors[0];
    throw scenarioErrors.error('SCENARIO_INVALID', problem ? located(problem) : `cannot parse ${display}`);
  }
  const value = structuredClone(doc.value);
  if (!validate(value)) {
    const problems = schemaProblems(doc, validate.errors, [], 'the scenario');
    throw scenarioErrors.error('SCENARIO_INVALID', problems.map(located).join('\n'));
  }
  return value as unknown as Scenario;
}
