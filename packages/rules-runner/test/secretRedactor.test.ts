import { describe, expect, test } from 'vitest';
import { SecretRedactor } from '../src/logging/SecretRedactor.js';
import { allForms, basicUser, leaksIn, secrets } from './secretForms.js';

const redactor = new SecretRedactor();
redactor.add(Object.values(secrets));

describe('SecretRedactor', () => {
  test.each(allForms().map((f) => [`${f.variable} ${f.encoding}`, f.text] as const))(
    'redacts %s wherever it sits in a line',
    (_name, form) => {
      for (const line of [
        form,
        `GET https://crm.example/hooks/${form}/x?a=1 failed`,
        `{"msg":"401 from server: Authorization: Basic ${form}","n":1}`,
        `token=${form}&next=1`,
        `Basic+${form}`,
      ]) {
        const out = redactor.redact(line);
        expect(leaksIn(out), `${line} → ${out}`).toEqual([]);
        expect(out).toContain('[REDACTED]');
      }
    },
  );

  test('text without secrets is left alone, base64 of other things included', () => {
    const line = `{"level":30,"msg":"event call.answered from xcally","auth":"Basic ${Buffer.from(`${basicUser}:other-password`).toString('base64')}","url":"https://crm.example/a%20b?q=c+d"}`;
    expect(redactor.redact(line)).toBe(line);
  });

  test('a secret added later is redacted from then on; short values are never secrets', () => {
    const r = new SecretRedactor();
    r.add(['on', '123']);
    expect(r.redact('on 123 one')).toBe('on 123 one');
    r.add(['later-secret']);
    expect(r.redact('x later-secret y bGF0ZXItc2VjcmV0')).toBe('x [REDACTED] y [REDACTED]');
  });

  test('hostile text costs linear time (call data is attacker-controlled and gets logged)', () => {
    const r = new SecretRedactor();
    r.add([...Object.values(secrets), 'a\\\\\\b"c', '\\"\\"x-secret']);
    const hostile = {
      backslashes: `${'\\'.repeat(100_000)}x`,
      'escaped quotes': '\\"'.repeat(50_000),
      'one base64 run': 'A'.repeat(200_000),
      'percent signs': '%25'.repeat(50_000),
      'unicode escapes': '\\u00'.repeat(50_000),
      'plus signs': '+'.repeat(100_000),
      'near misses': 'p%40ss%22quote%5C'.repeat(10_000),
    };
    for (const [name, text] of Object.entries(hostile)) {
      const started = performance.now();
      r.redact(text);
      // Linear: tens of ms. The quadratic alternative took seconds per 32 KB.
      expect(performance.now() - started, name).toBeLessThan(1000);
    }
  });
});
