import {
  agentSchema,
  callSchema,
  coreEmittedTypes,
  type NormalizedEventType,
  normalizedEventTypes,
} from '@switchboard/core';

/** The manifest name: rules write `on: webhook.<name>` for a body's own event names. */
export const adapterName = 'webhook';

/**
 * Event types a mapping may produce: every normalized type except those core raises itself
 * (`adapter.*`, `action.failed`). The manifest's `emits.events` and the options schema both use this list.
 */
export const mappableEventTypes: readonly NormalizedEventType[] = normalizedEventTypes.filter(
  (type) => !(coreEmittedTypes as readonly string[]).includes(type),
);

export const isMappableType = (value: unknown): value is NormalizedEventType =>
  typeof value === 'string' && (mappableEventTypes as readonly string[]).includes(value);

/** How a field of `call`/`agent` is stored: text, a number of seconds, or one of a few words. */
export type FieldKind = 'string' | 'seconds' | { readonly oneOf: readonly string[] };

function kindsOf(properties: Record<string, Record<string, unknown>>): ReadonlyMap<string, FieldKind> {
  const kinds = new Map<string, FieldKind>();
  for (const [name, spec] of Object.entries(properties)) {
    if (Array.isArray(spec.enum)) kinds.set(name, { oneOf: spec.enum as string[] });
    else kinds.set(name, spec.type === 'number' ? 'seconds' : 'string');
  }
  return kinds;
}

/** The fields of a normalized `call` (from core's schema), so the mapping offers exactly those. */
export const callFields = kindsOf(callSchema.properties as Record<string, Record<string, unknown>>);

/** The fields of a normalized `agent`. */
export const agentFields = kindsOf(agentSchema.properties as Record<string, Record<string, unknown>>);
