import { secretOptionPaths } from '@switchboard/core';
import type { Prepared } from '../daemon/prepare.js';
import { SecretRedactor } from './SecretRedactor.js';

/**
 * A redactor knowing every secret of a prepared config: values read by `${VAR}` and every string inside
 * options marked `x-secret`, even when written inline.
 */
export function redactorFor(prepared: Prepared): SecretRedactor {
  const redactor = new SecretRedactor();
  redactor.add(prepared.secrets);
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const instance of prepared.instances) {
    for (const path of secretOptionPaths(instance.manifest.optionsSchema)) {
      let value: unknown = instance.options;
      for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
      collect(value);
    }
  }
  redactor.add(strings);
  return redactor;
}
