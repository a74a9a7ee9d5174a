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
 * The params as data for `renderNode`, one renderer shared by every action's params (no closure per
 * object or string): a template, or an object or array with at least one template inside.
 */
type ParamsNode =
  | { readonly kind: 'template'; readonly render: Render; readonly path: Path }
  | {
      readonly kind: 'object';
      readonly keys: readonly string[];
      readonly values: readonly unknown[];
      readonly children: readonly (ParamsNode | undefined)[];
    }
  | {
      readonly kind: 'array';
      readonly values: readonly unknown[];
      readonly children: readonly (ParamsNode | undefined)[];
    };

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
  const root = compileNode(params, schema, [], new Set(), context);
  const { hostFromValue } = context;
  if (root === undefined) return Object.freeze({ isStatic: true, hostFromValue, render: () => params });
  return Object.freeze({ isStatic: false, hostFromValue, render: (data: unknown) => renderNode(root, data) });
}

function renderNode(node: ParamsNode, data: unknown): unknown {
  if (node.kind === 'template') {
    try {
      return node.render(data);
    } catch (error) {
      throw withPath(error, node.path);
    }
  }
  const { values, children } = node;
  if (node.kind === 'array') {
    const out: unknown[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const child = children[i];
      out[i] = child === undefined ? values[i] : renderNode(child, data);
    }
    return out;
  }
  const { keys } = node;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const child = children[i];
    const key = keys[i]!;
    const value = child === undefined ? values[i] : renderNode(child, data);
    if (key === '__proto__')
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
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
): ParamsNode | undefined {
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

function compileString(source: string, schema: unknown, path: Path, context: CompileContext): ParamsNode {
  try {
    const template = compileTemplate(source, encodingForSchema(schema, path), context.options);
    context.hostFromValue ||= template.hostFromValue;
    return { kind: 'template', render: template.render, path };
  } catch (error) {
    throw withPath(error, path);
  }
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
): ParamsNode | undefined {
  const children = items.map((item, i) =>
    compileNode(item, itemSchema(schema, i), [...path, i], ancestors, context),
  );
  if (children.every((c) => c === undefined)) return undefined;
  return { kind: 'array', values: items, children };
}

function compileObject(
  object: Record<string, unknown>,
  schema: unknown,
  path: Path,
  ancestors: Set<object>,
  context: CompileContext,
): ParamsNode | undefined {
  const keys = Object.keys(object);
  const children = keys.map((key) =>
    compileNode(object[key], propertySchema(schema, key), [...path, key], ancestors, context),
  );
  if (children.every((c) => c === undefined)) return undefined;
  return { kind: 'object', keys, values: keys.map((key) => object[key]), children };
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
