import { readFileSync } from 'node:fs';
import { createAjv, Runtime } from '@switchboard/core';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { EventJournal } from '../src/admin/EventJournal.js';
import { LiveStream } from '../src/admin/LiveStream.js';
import { configSchema } from '../src/config/configSchema.js';
import { SecretRedactor } from '../src/logging/SecretRedactor.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const readme = read('../README.md');

interface PropertySchema {
  readonly default?: unknown;
  readonly properties?: Record<string, PropertySchema>;
}

/** The first YAML example after `heading`, `${VAR}`s replaced by a value long enough for any. */
function example(heading = '\n## switchboard.yaml\n'): Record<string, Record<string, unknown>> {
  const section = readme.split(heading)[1] ?? '';
  const yaml = section.split('```yaml\n')[1]?.split('```')[0] ?? '';
  return parse(yaml.replace(/\$\{[A-Z_]+\}/g, 'a-value-from-the-environment'));
}

/** Settings that replace another one: shown in their own example (`state.redis` instead of `state.dir`). */
const alternatives: Readonly<Record<string, string>> = { 'state.redis': '\n### Several daemons on Redis\n' };

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
        if (alternatives[`${key}.${inner}`]) continue;
        expect(config[key], `${key}.${inner}`).toHaveProperty([inner]);
        const shown = config[key]?.[inner];
        if (typeof innerSchema.default === 'number' || typeof innerSchema.default === 'boolean')
          expect(shown, `${key}.${inner}`).toBe(innerSchema.default);
      }
    }
  });

  test('each alternative setting has its own valid example showing all its settings at their defaults', () => {
    const validate = createAjv().compile(configSchema);
    for (const [path, heading] of Object.entries(alternatives)) {
      const config = example(heading);
      expect(validate(structuredClone(config)), JSON.stringify(validate.errors)).toBe(true);
      const [key, inner] = path.split('.') as [string, string];
      const shown = config[key]?.[inner] as Record<string, unknown>;
      const properties = (configSchema.properties as Record<string, PropertySchema>)[key]?.properties?.[inner]
        ?.properties as Record<string, PropertySchema>;
      for (const [name, schema] of Object.entries(properties)) {
        expect(shown, `${path}.${name}`).toHaveProperty([name]);
        if (schema.properties)
          for (const [leaf, leafSchema] of Object.entries(schema.properties))
            expect((shown[name] as Record<string, unknown>)[leaf], `${path}.${name}.${leaf}`).toBe(
              leafSchema.default,
            );
        else if (typeof schema.default === 'number')
          expect(shown[name], `${path}.${name}`).toBe(schema.default);
      }
    }
  });

  test('schemas/switchboard.schema.json is the config schema (rebuilt by `npm run build`)', () => {
    expect(JSON.parse(read('../schemas/switchboard.schema.json'))).toEqual(
      JSON.parse(JSON.stringify(configSchema)),
    );
  });
});

describe('README keeps up with what the daemon registers and reads', () => {
  /** Every metric a daemon serves at /metrics: the runtime's, the process's and the console's. */
  async function registered(): Promise<string[]> {
    const runtime = new Runtime();
    runtime.metrics.collectProcessMetrics();
    const stream = new LiveStream(
      new EventJournal(runtime.diagnostics),
      new SecretRedactor(),
      { max: 1, bufferLimit: 16_384 },
      runtime.metrics.registry,
      pino({ level: 'silent' }),
    );
    stream.close();
    return (await runtime.metrics.registry.getMetricsAsJSON()).map((m) => m.name);
  }

  test('the Metrics table names every metric of the daemon, and only those', async () => {
    const section = readme.split('\n## Metrics\n')[1]?.split('\n## ')[0] ?? '';
    const rows = section.split('\n').filter((l) => l.startsWith('| `switchboard_'));
    const documented = rows.flatMap((r) =>
      [...(r.split('|')[1] ?? '').matchAll(/`(switchboard_[a-z_*]+)`/g)].map((m) => m[1] as string),
    );
    const families = documented.filter((d) => d.endsWith('*')).map((d) => d.slice(0, -1));
    const names = await registered();
    const own = names.filter((n) => !families.some((f) => n.startsWith(f)));
    expect(own.sort()).toEqual(documented.filter((d) => !d.endsWith('*')).sort());
    // prom-client's process metrics under one prefix, not twice (switchboard_process_process_…).
    expect(names.filter((n) => families.some((f) => n.startsWith(f))).length).toBeGreaterThan(10);
    expect(names.filter((n) => /process_process|nodejs_nodejs/.test(n))).toEqual([]);
  });

  test('the flag table names every `start` flag and the variable each one reads', () => {
    const rows = readme.split('\n').filter((l) => /^\| `--/.test(l));
    const pairs = rows.map((r) =>
      r
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim()),
    );
    expect(pairs).toEqual([
      ['`--log-level <level>`', '`SWITCHBOARD_LOG_LEVEL`'],
      ['`--log-format <format>`', '`SWITCHBOARD_LOG_FORMAT`'],
      ['`--admin-port <port>`', '`SWITCHBOARD_ADMIN_PORT`'],
      ['`--no-watch`', '`SWITCHBOARD_WATCH=false`'],
    ]);
    const main =
      read('../src/cli/main.ts') +
      read('../src/cli/startOverrides.ts') +
      read('../src/config/adminPortOverride.ts');
    for (const [flag, variable] of pairs) {
      expect(main, flag).toContain(`'${(flag as string).replaceAll('`', '')}`);
      expect(main, variable).toContain((variable as string).replaceAll('`', '').replace('=false', ''));
    }
  });

  test('`admin.enabled` and `admin.journal` are explained, not only shown', () => {
    const operating = readme.split('\n## Operating it\n')[1] ?? '';
    expect(operating).toContain('`admin.enabled: false`');
    expect(operating).toContain('`admin.journal`');
  });
});
