import { readFile } from 'node:fs/promises';
import {
  createAjv,
  describeError,
  SourceDocument,
  SwitchboardError,
  schemaProblems,
} from '@switchboard/core';
import type { Scenario } from './Scenario.js';
import { scenarioSchema } from './scenarioSchema.js';

const validate = createAjv({ useDefaults: true }).compile(scenarioSchema);

/** Reads and checks a scenario YAML file; problems are reported as `file:line:col`. */
export async function loadScenario(path: string, display = path): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SwitchboardError(
      'SWB_CONFIG_NOT_FOUND',
      `cannot read scenario ${display}: ${describeError(error)}`,
    );
  }
  const parsed = SourceDocument.parse(display, text);
  const doc = parsed.document;
  if (!doc) throw parsed.errors[0] ?? new SwitchboardError('SWB_YAML_SYNTAX', `cannot parse ${display}`);
  const value = structuredClone(doc.value);
  if (!validate(value)) {
    const problems = schemaProblems(doc, validate.errors, [], 'the scenario');
    throw new SwitchboardError('SWB_SCHEMA', problems.map((p) => p.format()).join('\n'));
  }
  return value as unknown as Scenario;
}
