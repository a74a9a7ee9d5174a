import { readFileSync } from 'node:fs';
import { checkOptions, secretOptionPaths, validateManifest } from '@switchboard/core/host';
import { describe, expect, it } from 'vitest';
import defaultExport, { xcallyAdapter } from './index.js';
import { xcallyOptionsSchema } from './options.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** A table row whose first cell is `name` (tables may be padded). */
const hasRow = (name: string): boolean =>
  new RegExp(`^\\| \`${name.replaceAll('.', '\\.')}\` +\\|`, 'm').test(readme);

/** `url`, `tls.ca`, `reconnect.initialMs`… from the schema. */
function optionNames(schema: Record<string, unknown>, prefix = ''): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).flatMap(([key, sub]) =>
    sub.properties ? optionNames(sub, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('the manifest', () => {
  it('passes the checks the daemon runs at load time', () => {
    expect(defaultExport).toBe(xcallyAdapter);
    expect(validateManifest(xcallyAdapter, '@switchboard/adapter-xcally').name).toBe('xcally');
  });

  it('offers the vendor event names for `on: xcally.<name>` and lets others through', () => {
    expect(Object.keys(xcallyAdapter.emits.vendorEvents ?? {})).toEqual([
      'ringing',
      'up',
      'hangup',
      'abandon',
      'outbound',
    ]);
    expect(xcallyAdapter.emits.anyVendorEvent).toBe(true);
  });

  it('needs only the url, and marks the credentials secret', () => {
    const checked = checkOptions(xcallyAdapter, { url: 'http://localhost:8888' });
    expect(checked.ok).toBe(true);
    expect(checkOptions(xcallyAdapter, {}).ok).toBe(false);
    expect(checkOptions(xcallyAdapter, { url: 'localhost:8888' }).ok).toBe(false);
    expect(checkOptions(xcallyAdapter, { url: 'http://x', protocol: 'v3' }).ok).toBe(false);
    expect(secretOptionPaths(xcallyAdapter.optionsSchema)).toEqual([
      ['token'],
      ['query'],
      ['auth'],
      ['extraHeaders'],
    ]);
  });

  it('gives peer a template default, so actions address the event’s agent', () => {
    expect(xcallyAdapter.actions.wakeup.params.properties.peer.default).toBe('{{ call.peer }}');
    expect(xcallyAdapter.actions.wakeup.params.properties.url['x-template']).toBe('url');
  });
});

describe('the README', () => {
  it('has a row for every option of the schema', () => {
    const rows = optionNames(xcallyOptionsSchema as unknown as Record<string, unknown>).filter(
      (name) => !hasRow(name),
    );
    expect(rows).toEqual([]);
  });

  it('gives the delivery of every action, as the manifest declares it', () => {
    for (const [name, spec] of Object.entries(xcallyAdapter.actions)) {
      expect(spec.delivery).toEqual({ mode: 'once', target: 'peer' });
      expect(readme).toMatch(
        new RegExp(`^\\| \`${name}\` +\\| \`\\{ mode: 'once', target: 'peer' \\}\` +\\|`, 'm'),
      );
    }
    expect(readme).toContain('## Durability: what a restart costs');
  });

  it('maps every vendor event and every action', () => {
    for (const name of Object.keys(xcallyAdapter.emits.vendorEvents ?? {})) expect(hasRow(name)).toBe(true);
    for (const name of Object.keys(xcallyAdapter.actions)) expect(hasRow(name)).toBe(true);
    expect(readme).toContain('## Choosing the socket.io generation');
  });
});
