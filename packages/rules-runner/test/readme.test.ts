import { readFileSync } from 'node:fs';
import { createAjv } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../src/config/configSchema.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const readme = read('../README.md');

interface PropertySchema {
  readonly default?: unknown;
  readonly properties?: Record<string, PropertySchema>;
}

/** The `switchboard.yaml` example of the README, `${VAR}`s replaced by a value long enough for any. */
function example(): Record<string, Record<string, unknown>> {
  const section = readme.split('\n## switchboard.yaml\n')[1] ?? '';
  const yaml = section.split('```yaml\n')[1]?.split('```')[0] ?? '';
  return parse(yaml.replace(/\$\{[A-Z_]+\}/g, 'a-value-from-the-environment'));
}

describe('README and published schema stay in step with the config schema', () => {
  test('the example config is valid and shows every setting, numbers and switches at their defaults', () => {
    const config = example();
    const validate = createAjv().compile(configSchema);
    expect(validate(structuredClone(config)), JSON.stringify(validate.errors)).toBe(true);
    const properties = configSchema.properties as Record<string, PropertySchema>;
    for (const [key, schema] of Object.entries(properties)) {
      if (key === '$schema') continue;
      expect(config, key).toHaveProperty([key]);
      if (key === 'adapters' || !schema.properties) continue;
      for (const [inner, innerSchema] of Object.entries(schema.properties)) {
        expect(config[key], `${key}.${inner}`).toHaveProperty([inner]);
        const shown = config[key]?.[inner];
        if (typeof innerSchema.default === 'number' || typeof innerSchema.default === 'boolean')
          expect(shown, `${key}.${inner}`).toBe(innerSchema.default);
      }
    }
  });

  test('schemas/switchboard.schema.json is the config schema (rebuilt by `npm run build`)', () => {
    expect(JSON.parse(read('../schemas/switchboard.schema.json'))).toEqual(
      JSON.parse(JSON.stringify(configSchema)),
    );
  });
});
