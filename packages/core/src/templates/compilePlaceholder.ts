import { compileFilters, type FilterFn } from './filters.js';
import { blockedKeys, type PathGetter, type PathKey } from './lookupPath.js';
import { ownProperty } from './ownProperty.js';
import type { Placeholder } from './Placeholder.js';

/**
 * A placeholder ready to render, as data for the shared renderers: `path` (shared by every placeholder
 * with the same path; undefined for a path that reaches into prototypes, which reads nothing) and the
 * filter chain. `read` is the same lookup as a function.
 */
export interface CompiledPlaceholder {
  readonly placeholder: Placeholder;
  readonly path: readonly PathKey[] | undefined;
  readonly filter: FilterFn | undefined;
  readonly read: PathGetter;
  /** `| raw`: insert the value without encoding. */
  readonly raw: boolean;
}

const sharedPaths = new Map<string, readonly PathKey[]>();

export function compilePlaceholder(placeholder: Placeholder): CompiledPlaceholder {
  const { apply, raw } = compileFilters(placeholder.filters);
  const keys = placeholder.path;
  const blocked = keys.some((key) => typeof key === 'string' && blockedKeys.has(key));
  let path: readonly PathKey[] | undefined;
  if (!blocked) {
    path = sharedPaths.get(placeholder.pathText);
    if (path === undefined) {
      path = Object.freeze([...keys]);
      sharedPaths.set(placeholder.pathText, path);
    }
  }
  const compiled: CompiledPlaceholder = {
    placeholder,
    path,
    filter: apply,
    read: (data) => readPlaceholder(compiled, data),
    raw,
  };
  return compiled;
}

/** The placeholder's value in `data`: own properties only, a missing step gives `undefined`, then the filters. */
export function readPlaceholder(value: CompiledPlaceholder, data: unknown): unknown {
  const path = value.path;
  let current: unknown;
  if (path !== undefined) {
    current = data;
    for (let i = 0; i < path.length; i++) {
      current = ownProperty(current, path[i] as PathKey);
      if (current === undefined) break;
    }
  }
  const filter = value.filter;
  return filter === undefined ? current : filter(current);
}
