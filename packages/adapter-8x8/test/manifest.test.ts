import { compileRuleSources, RuleCatalog, validateManifest, validateOptions } from '@switchboard/core/host';
import { describe, expect, test } from 'vitest';
import adapter from '../src/index.js';

describe('the 8x8 manifest', () => {
  test('passes the runner checks', () => {
    expect(validateManifest(adapter, '@switchboard/adapter-8x8')).toBe(adapter);
    expect(adapter.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  test('options: defaults applied, one of sapi/maestro required, secrets marked', () => {
    const options = validateOptions(adapter, 'cc', { sapi: { tenant: 't', token: 'k', cluster: 'eu3' } });
    expect(options.sapi).toMatchObject({
      outputType: 'NEWLINE_JSON',
      atmosphere: true,
      readTimeoutSeconds: 210,
      retry: { initialMs: 2000, maxMs: 120000 },
    });
    expect(() => validateOptions(adapter, 'cc', {})).toThrow(/options of adapter instance `cc`/);
    expect(() => validateOptions(adapter, 'cc', { sapi: { tenant: 't', token: 'k' } })).toThrow();
    expect(() =>
      validateOptions(adapter, 'cc', { maestro: { allowedOrigins: ['https://a.b'], secret: 'short' } }),
    ).toThrow();
    const maestro = validateOptions(adapter, 'cc', {
      maestro: { allowedOrigins: ['https://a.b'], secret: 'sixteen-chars-ok' },
    });
    expect(maestro.maestro).toMatchObject({
      url: 'https://cloud8.8x8.com/mashell/public/index.html?env=embeddable&nextgen=true',
      dialTimeoutMs: 5000,
    });
  });

  test('rules can name 8x8 vendor events and use dial; unknown actions are load-time errors', () => {
    const catalog = new RuleCatalog([{ name: 'cc', manifest: adapter }]);
    const ok = compileRuleSources(
      [
        {
          file: 'r.yaml',
          text: 'rules:\n  - name: a\n    on: [8x8.InteractionAccepted, 8x8.offered, agent.provisioning]\n    do:\n      - dial: { phoneNumber: "{{ call.caller }}" }\n',
        },
      ],
      { catalog },
    );
    expect(ok.errors).toEqual([]);
    const bad = compileRuleSources(
      [
        {
          file: 'r.yaml',
          text: 'rules:\n  - name: a\n    on: call.offered\n    do:\n      - wakeup: { url: "http://x" }\n',
        },
      ],
      { catalog },
    );
    expect(bad.errors.length).toBeGreaterThan(0);
  });
});
