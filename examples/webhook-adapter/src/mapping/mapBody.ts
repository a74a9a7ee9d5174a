import {
  type AgentInfo,
  type CallInfo,
  type EventInput,
  isRecord,
  type NormalizedEventType,
  type Vars,
} from '@switchboard/core';
import { bodyId } from './bodyId.js';
import type { CompiledMapping, CompiledObjectField } from './compileMapping.js';
import { adapterName, isMappableType } from './eventFields.js';
import { readJsonPath } from './jsonPath.js';
import { MappingError } from './MappingError.js';
import { coerceField, describeField, isScalar, resolveField, show } from './resolveField.js';

/** Longest event id core accepts. */
const maxIdLength = 512;

function resolveType(
  body: unknown,
  mapping: CompiledMapping,
): { type: NormalizedEventType; vendor?: string } {
  const field = mapping.type;
  if (field.kind === 'constant') {
    if (isMappableType(field.value)) return { type: field.value };
    throw new MappingError(`type ${show(field.value)} is not an event type this adapter emits`);
  }
  const value = readJsonPath(body, field.path);
  const mapped =
    isScalar(value) && field.map && Object.hasOwn(field.map, String(value))
      ? field.map[String(value)]
      : value;
  const type = isMappableType(mapped) ? mapped : field.fallback;
  if (!isMappableType(type)) {
    const found = value === undefined ? 'missing' : `is ${show(value)}`;
    throw new MappingError(
      `type ${field.path.text} ${found}: not in the map, not an event type, and no default`,
    );
  }
  // the body's own name for the event, so rules can say `on: webhook.<name>`
  const name = isScalar(value) ? String(value) : '';
  const vendor = /^[^\s]{1,128}$/.test(name) && !isMappableType(name) ? `${adapterName}.${name}` : undefined;
  return vendor ? { type, vendor } : { type };
}

function resolveId(body: unknown, mapping: CompiledMapping): string {
  const value = mapping.id ? readJsonPath(body, mapping.id) : undefined;
  if (value === undefined || value === null || value === '') return bodyId(body);
  if (!isScalar(value) || typeof value === 'boolean') {
    throw new MappingError(`id (${mapping.id?.text}) is ${show(value)}, not a text or number`);
  }
  const id = String(value);
  if (id.length > maxIdLength)
    throw new MappingError(`id (${mapping.id?.text}) is longer than ${maxIdLength}`);
  return id;
}

function resolveTime(body: unknown, mapping: CompiledMapping): string | undefined {
  if (!mapping.time) return undefined;
  const value = readJsonPath(body, mapping.time);
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  const date = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(date.getTime())) {
    throw new MappingError(`time (${mapping.time.text}) is ${show(value)}, not an ISO 8601 time or epoch ms`);
  }
  return date.toISOString();
}

/** Builds `call` or `agent`; undefined when its `id` does not resolve. */
function resolveObject(
  body: unknown,
  fields: readonly CompiledObjectField[],
  label: string,
): Record<string, string | number> | undefined {
  const out: Record<string, string | number> = {};
  for (const { name, field, kind } of fields) {
    const value = coerceField(resolveField(body, field), kind, describeField(`${label}.${name}`, field));
    if (name === 'id' && (value === undefined || value === '')) return undefined;
    if (value !== undefined) out[name] = value;
  }
  return fields.length > 0 ? out : undefined;
}

function resolveVars(body: Record<string, unknown>, mapping: CompiledMapping): Vars {
  const vars: Vars = {};
  const put = (name: string, value: unknown): void => {
    // own data properties only: a body field named `__proto__` must not reach an object's prototype
    if (value !== undefined)
      Object.defineProperty(vars, name, { value, enumerable: true, writable: true, configurable: true });
  };
  if (mapping.rest) {
    for (const [name, value] of Object.entries(body)) if (!mapping.readFields.has(name)) put(name, value);
  }
  if (mapping.varsFrom) {
    const from = readJsonPath(body, mapping.varsFrom);
    if (isRecord(from)) for (const [name, value] of Object.entries(from)) put(name, value);
    else if (from !== undefined && from !== null) {
      throw new MappingError(`varsFrom (${mapping.varsFrom.text}) is ${show(from)}, not an object`);
    }
  }
  for (const { name, field } of mapping.vars) put(name, resolveField(body, field));
  return vars;
}

/**
 * Maps one webhook body onto a normalized event with the instance's mapping. Pure: the same body always
 * gives the same event (the time only when the mapping reads it). Throws a MappingError for a body that
 * does not fit.
 */
export function mapBody(body: unknown, mapping: CompiledMapping): EventInput {
  if (!isRecord(body)) throw new MappingError(`a body must be a JSON object, got ${show(body)}`);
  const { type, vendor } = resolveType(body, mapping);
  const call = resolveObject(body, mapping.call, 'call') as CallInfo | undefined;
  const agent = resolveObject(body, mapping.agent, 'agent') as AgentInfo | undefined;
  const time = resolveTime(body, mapping);
  return {
    id: resolveId(body, mapping),
    type,
    ...(vendor ? { vendorEvent: vendor } : {}),
    ...(time ? { time } : {}),
    ...(call ? { call } : {}),
    ...(agent ? { agent } : {}),
    vars: resolveVars(body, mapping),
    raw: body,
  };
}
