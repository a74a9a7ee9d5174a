// Writes the published JSON Schemas (rule files, events) from the built code, so editors can use them.
import { writeFileSync } from 'node:fs';
import { agentSchema, callSchema, eventSchema, ruleFileSchema } from '../dist/index.js';

const write = (name, schema) =>
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);

write('rules.schema.json', ruleFileSchema);
write('event.schema.json', { ...eventSchema, definitions: { call: callSchema, agent: agentSchema } });
