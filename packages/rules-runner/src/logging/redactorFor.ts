import { secretOptionPaths } from '@switchboard/core/host';
import type { Prepared } from '../daemon/prepare.js';
import { SecretRedactor } from './SecretRedactor.js';

/**
 * Teaches a redactor (a new one by default) every secret of a prepared config: values read by
 * `${VAR}` in the config and rule files, and every string inside options marked `x-secret`, even when
 * written inline, also of instances whose options are invalid (their problems are printed too).
 */
export function redactorFor(prepared: Prepared, redactor = new SecretRedactor()): SecretRedactor {
  redactor.add(prepared.secrets);
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const adapters = prepared.config?.adapters ?? {};
  for (const instance of prepared.catalog) {
    const options = Object.hasOwn(adapters, instance.name) ? adapters[instance.name]?.options : undefined;
    for (const path of secretOptionPaths(instance.manifest.optionsSchema)) {
      let value: unknown = options;
      for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
      collect(value);
    }
  }
  redactor.add(strings);
  return redactor;
}
