import { describe, expect, test } from 'vitest';
import { CredentialRedactor } from '../../src/transport/sapi/CredentialRedactor.js';
import { leakedForms, secretForms } from '../support/secretForms.js';

const tenant = 'acmecorp01';
const token = 'sapi tok/en+9=Zx!~"q7';

describe('CredentialRedactor', () => {
  const redactor = new CredentialRedactor(tenant, token);
  const forms = secretForms(tenant, token);

  test('masks the credentials in every form, wherever they sit in the text', () => {
    expect(forms.length).toBeGreaterThan(10);
    for (const form of forms) {
      const text = `error: got ${form} in the request`;
      expect(leakedForms(redactor.redact(text), forms), form).toEqual([]);
      expect(redactor.redact(text)).toMatch(/^error: got .*\[redacted\].* in the request$/);
    }
  });

  test('an error body is reduced to a short excerpt with credentials and credential-like runs masked', () => {
    const body = `<html><body><h1>401 Unauthorized</h1><pre>Authorization: Basic ${Buffer.from(
      `${tenant}:${token}`,
    ).toString('hex')}\n${forms.join('\n')}</pre>${' filler'.repeat(500)}</body></html>`;
    const excerpt = redactor.excerpt(body);
    expect(leakedForms(excerpt, forms)).toEqual([]);
    expect(excerpt).not.toMatch(/[0-9a-f]{16}/);
    expect(excerpt).toMatch(/^<html><body><h1>401 Unauthorized<\/h1><pre>Authorization: \[redacted\]/);
    expect(excerpt).toMatch(new RegExp(`… \\(${body.length} characters\\)$`));
    expect(excerpt.length).toBeLessThan(140);
  });

  test('plain refusal texts pass unchanged', () => {
    expect(redactor.excerpt('Unauthorized')).toBe('Unauthorized');
    expect(redactor.excerpt('Maximum of 3 clients per tenant reached\n')).toBe(
      'Maximum of 3 clients per tenant reached',
    );
  });
});
