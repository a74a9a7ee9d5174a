import { SwitchboardError } from '../errors/index.js';
import type { TemplateOptions } from './CompiledTemplate.js';
import { assertHeaderLiteral } from './compileHeaderTemplate.js';
import { compileTemplate } from './compileTemplate.js';
import { hasTemplate } from './hasTemplate.js';
import { encodingForSchema, itemSchema, propertySchema } from './paramsSchema.js';

/** An action's params with every template compiled. */
export interface CompiledParams {
  /** No templates anywhere: `render` returns the params object itself. */
  readonly isStatic: boolean;
  /** Some url template takes its host from a value (checked against `allowHosts` at each render). */
  readonly hostFromValue: boolean;
  /** A new tree with the templates filled; parts without templates are the original objects, not copies. */
  render(data: unknown): unknown;
}

type Render = (data: unknown) => unknown;
type Path = readonly (string | number)[];

/**
 * Compiles every string with `{{` in `params` (any JSON value), with the encoding the params' JSON Schema
 * gives that location (see `encodingForSchema`). Errors carry the `path` from the params root to the string.
 */
export function compileParams(
  params: unknown,
  schema?: object,
  options: TemplateOptions = {},
): CompiledParams {
  const context: CompileContext = { options, hostFromValue: false };
  const render = compileNode(params, schema, [], new Set(), context);
  const { hostFromValue } = context;
  if (render === undefined) return Object.freeze({ isStatic: true, hostFromValue, render: () => params });
  return Object.freeze({ isStatic: false, hostFromValue, render });
}

interface CompileContext {
  readonly options: TemplateOptions;
  hostFromValue: boolean;
}

/** The renderer of a subtree, or `undefined` if it has no templates. */
function compileNode(
  value: unknown,
  schema: unknown,
  path: Path,
  ancestors: Set<object>,
  context: CompileContext,
): Render | undefined {
  if (typeof value === 'string') {
    if (hasTemplate(value)) return compileString(value, schema, path, context);
    checkLiteral(value, schema, path);
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !isPlainContainer(value)) return undefined;
  if (ancestors.has(value)) {
    throw new SwitchboardError('SWB_RULE_BAD_PARAMS', 'The params contain themselves (a cycle)', { path });
  }
  ancestors.add(value);
  try {
    return Array.isArray(value)
      ? compileArray(value, schema, path, ancestors, context)
      : compileObject(value as Record<string, unknown>, schema, path, ancestors, context);
  } finally {
    ancestors.delete(value);
  }
}

function compileString(source: string, schema: unknown, path: Path, context: CompileContext): Render {
  let render: Render;
  try {
    const template = compileTemplate(source, encodingForSchema(schema, path), context.options);
    context.hostFromValue ||= template.hostFromValue;
    render = template.render;
  } catch (error) {
    throw withPath(error, path);
  }
  return (data) => {
    try {
      return render(data);
    } catch (error) {
      throw withPath(error, path);
    }
  };
}

/** Text without placeholders is used as it is; a header value is still checked at load time. */
function checkLiteral(text: string, schema: unknown, path: Path): void {
  if (schema === undefined || encodingForSchema(schema, path) !== 'header') return;
  try {
    assertHeaderLiteral(text);
  } catch (error) {
    throw withPath(error, path);
  }
}

function compileArray(
  items: readonly unknown[],
  schema: unknown,
  path: Path,
  ancestors: Set<object>,
  context: CompileContext,
): Render | undefined {
  const renders = items.map((item, i) =>
    compileNode(item, itemSchema(schema, i), [...path, i], ancestors, context),
  );
  if (renders.every((r) => r === undefined)) return undefined;
  return (data) => {
    const out: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const render = renders[i];
      out[i] = render === undefined ? items[i] : render(data);
    }
    return out;
  };
}

function compileObject(
  object: Record<string, unknown>,
  schema: unknown,
  path: Path,
  ancestors: Set<object>,
  context: CompileContext,
): Render | undefined {
  const keys = Object.keys(object);
  const renders = keys.map((key) =>
    compileNode(object[key], propertySchema(schema, key), [...path, key], ancestors, context),
  );
  if (renders.every((r) => r === undefined)) return undefined;
  const values = keys.map((key) => object[key]);
  return (data) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const render = renders[i];
      const key = keys[i]!;
      const value = render === undefined ? values[i] : render(data);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  };
}

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function withPath(error: unknown, path: Path): unknown {
  if (!SwitchboardError.is(error) || error.path !== undefined) return error;
  return new SwitchboardError(error.code, error.message, { path, cause: error });
}
