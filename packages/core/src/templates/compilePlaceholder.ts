import { compileFilters } from './filters.js';
import { compilePathGetter, type PathGetter } from './lookupPath.js';
import type { Placeholder } from './Placeholder.js';

/** A placeholder ready to render: `read` looks the value up and runs the filters. */
export interface CompiledPlaceholder {
  readonly placeholder: Placeholder;
  readonly read: PathGetter;
  /** `| raw`: insert the value without encoding. */
  readonly raw: boolean;
}

export function compilePlaceholder(placeholder: Placeholder): CompiledPlaceholder {
  const get = compilePathGetter(placeholder.path);
  const { apply, raw } = compileFilters(placeholder.filters);
  const read: PathGetter = apply === undefined ? get : (data) => apply(get(data));
  return { placeholder, read, raw };
}
