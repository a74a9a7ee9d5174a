import { closestName } from '../rules/suggest.js';
import { eventFieldSchemas } from './eventFields.js';
import type { NormalizedEventType } from './NormalizedEvent.js';

export type FieldPath = readonly (string | number)[];

/** Why an event of the given types cannot carry a path; undefined when one of them can. */
export type FieldPathProblem = string | undefined;

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: unknown;
}

type Walk =
  | { readonly kind: 'ok' }
  | { readonly kind: 'missing'; readonly at: number }
  | { readonly kind: 'leaf'; readonly at: number; readonly leaf: SchemaNode };

/** Where `path` leaves the schema: a key it does not have, or a step into a plain value. */
function walk(schema: SchemaNode, path: FieldPath): Walk {
  let node = schema;
  for (let i = 0; i < path.length; i++) {
    const key = String(path[i]);
    const properties = node.properties;
    if (properties === undefined) return isLeaf(node) ? { kind: 'leaf', at: i, leaf: node } : { kind: 'ok' };
    const next = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (next === undefined)
      return node.additionalProperties === false ? { kind: 'missing', at: i } : { kind: 'ok' };
    node = next;
  }
  return { kind: 'ok' };
}

/** A value with a type that is not an object (text, number, an enum). */
function isLeaf(node: SchemaNode): boolean {
  if ('enum' in node || 'const' in node) return true;
  const types = node.type === undefined ? [] : typeof node.type === 'string' ? [node.type] : node.type;
  return types.length > 0 && !types.includes('object');
}

/** Every path an event of the types can carry (open parts, such as `vars`, end the path). */
export function knownFieldPaths(types: readonly NormalizedEventType[]): string[] {
  const out = new Set<string>();
  const visit = (node: SchemaNode, prefix: string): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      out.add(path);
      if (child.additionalProperties === false) visit(child, path);
    }
  };
  for (const type of types) visit(eventFieldSchemas[type] as SchemaNode, '');
  return [...out];
}

const leafKind = (node: SchemaNode): string =>
  'enum' in node
    ? 'one of a few words'
    : node.type === 'number' || node.type === 'integer'
      ? 'a number'
      : 'text';

const typeList = (types: readonly NormalizedEventType[]): string =>
  types.length === 1 ? `\`${types[0]}\` events` : `events of ${types.map((t) => `\`${t}\``).join(', ')}`;

/**
 * Checks a path a rule reads (`call.queue`, `agent.id`) against the field schemas of the rule's event
 * types: a problem when no event of those types can carry it, with the likely intended path.
 */
export function checkFieldPath(path: FieldPath, types: readonly NormalizedEventType[]): FieldPathProblem {
  if (path.length === 0 || types.length === 0) return undefined;
  const walks = types.map((t) => walk(eventFieldSchemas[t] as SchemaNode, path));
  if (walks.some((w) => w.kind === 'ok')) return undefined;
  const text = path.map(String).join('.');
  const leaf = walks.find((w) => w.kind === 'leaf');
  if (leaf?.kind === 'leaf') {
    const holder = path.slice(0, leaf.at).map(String).join('.');
    return `\`${holder}\` is ${leafKind(leaf.leaf)}: it has no \`${String(path[leaf.at])}\``;
  }
  const root = String(path[0]);
  if ((root === 'call' || root === 'agent') && walks.every((w) => w.kind === 'missing' && w.at === 0)) {
    return `${typeList(types)} carry no \`${root}\`, so \`${text}\` is always empty`;
  }
  return `${typeList(types)} have no field \`${text}\`${suggestFieldPath(text, types)}`;
}

/** `; did you mean \`call.queue\`?` for a misspelt or half-written path (`queue`, `call.queu`). */
export function suggestFieldPath(text: string, types: readonly NormalizedEventType[]): string {
  const known = knownFieldPaths(types);
  const full = closestName(text, known);
  if (full !== undefined) return `; did you mean \`${full}\`?`;
  const lastOf = (path: string): string => path.slice(path.lastIndexOf('.') + 1);
  const nested = known.filter((k) => k.includes('.'));
  const near = closestName(lastOf(text), nested.map(lastOf));
  if (near === undefined) return '';
  const paths = nested.filter((k) => lastOf(k) === near).map((k) => `\`${k}\``);
  return `; did you mean ${paths.join(' or ')}?`;
}
