import { agentFields, callFields, type FieldKind } from './eventFields.js';
import { isPathText, type JsonPath, parseJsonPath, topLevelField } from './jsonPath.js';
import type { FieldSpec, MappingOptions, Scalar } from './mappingOptions.js';

/** A field spec, parsed: read from a path (with an optional value map) or a constant. */
export type CompiledField =
  | {
      readonly kind: 'path';
      readonly path: JsonPath;
      readonly map?: Readonly<Record<string, Scalar>>;
      readonly fallback?: Scalar;
    }
  | { readonly kind: 'constant'; readonly value: Scalar };

export interface CompiledObjectField {
  readonly name: string;
  readonly field: CompiledField;
  readonly kind: FieldKind;
}

/** A mapping ready to apply: paths parsed once, the body fields it reads collected for `rest`. */
export interface CompiledMapping {
  readonly type: CompiledField;
  readonly id?: JsonPath;
  readonly time?: JsonPath;
  readonly call: readonly CompiledObjectField[];
  readonly agent: readonly CompiledObjectField[];
  readonly vars: readonly { readonly name: string; readonly field: CompiledField }[];
  readonly varsFrom?: JsonPath;
  readonly rest: boolean;
  /** Top-level body fields some path reads: left out of `rest`. */
  readonly readFields: ReadonlySet<string>;
}

export function compileField(spec: FieldSpec): CompiledField {
  if (typeof spec === 'string') {
    return isPathText(spec) ? { kind: 'path', path: parseJsonPath(spec) } : { kind: 'constant', value: spec };
  }
  if (typeof spec !== 'object') return { kind: 'constant', value: spec };
  if ('value' in spec) return { kind: 'constant', value: spec.value };
  return {
    kind: 'path',
    path: parseJsonPath(spec.from),
    ...(spec.map ? { map: spec.map } : {}),
    ...(spec.default !== undefined ? { fallback: spec.default } : {}),
  };
}

function compileObject(
  specs: Readonly<Record<string, FieldSpec>> | undefined,
  kinds: ReadonlyMap<string, FieldKind>,
  what: string,
): CompiledObjectField[] {
  if (!specs) return [];
  const out: CompiledObjectField[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const kind = kinds.get(name);
    if (!kind) throw new Error(`mapping.${what} has no field \`${name}\``);
    out.push({ name, field: compileField(spec), kind });
  }
  if (out.length > 0 && !out.some((f) => f.name === 'id')) throw new Error(`mapping.${what} needs \`id\``);
  // `id` first: whether the object is attached at all depends on it
  return out.sort((a, b) => Number(b.name === 'id') - Number(a.name === 'id'));
}

/** Parses the mapping options; throws an Error naming the bad part (the options schema catches most first). */
export function compileMapping(options: MappingOptions): CompiledMapping {
  const type = compileField(options.type);
  const call = compileObject(options.call, callFields, 'call');
  const agent = compileObject(options.agent, agentFields, 'agent');
  const vars = Object.entries(options.vars ?? {}).map(([name, spec]) => ({
    name,
    field: compileField(spec),
  }));
  const id = options.id === undefined ? undefined : parseJsonPath(options.id);
  const time = options.time === undefined ? undefined : parseJsonPath(options.time);
  const varsFrom = options.varsFrom === undefined ? undefined : parseJsonPath(options.varsFrom);
  const paths: JsonPath[] = [];
  for (const field of [type, ...[...call, ...agent, ...vars].map((f) => f.field)]) {
    if (field.kind === 'path') paths.push(field.path);
  }
  for (const path of [id, time, varsFrom]) if (path) paths.push(path);
  const readFields = new Set(paths.map(topLevelField).filter((f): f is string => f !== undefined));
  return {
    type,
    ...(id ? { id } : {}),
    ...(time ? { time } : {}),
    call,
    agent,
    vars,
    ...(varsFrom ? { varsFrom } : {}),
    rest: options.rest ?? true,
    readFields,
  };
}
