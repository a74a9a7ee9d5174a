// Writes the published JSON Schemas (daemon config, rule tests) from the built code, for editors.
import { writeFileSync } from 'node:fs';
import { configSchema, ruleTestSchema } from '../dist/index.js';

const write = (name, schema) =>
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);

write('switchboard.schema.json', configSchema);
write('rule-test.schema.json', ruleTestSchema);
