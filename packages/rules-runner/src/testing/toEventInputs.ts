import type { EventInput } from '@switchboard/core';
import type { InstanceConfig } from '@switchboard/core/host';

/**
 * One hand-written or recorded event, as rule tests (`given:`) and replay files (NDJSON) write it:
 * - normalized: `{ type: call.answered, source: xcally, call: {…}, vars: {…} }` (id/time optional);
 * - vendor: `{ source: xcally, vendor: { event: up, … } }`, mapped by the adapter's own mapping.
 */
export type EventItem = Record<string, unknown>;

export interface ConvertedEvent {
  readonly source: string;
  readonly event: EventInput;
}

/** Converts an item into events with their source; throws an Error with a clear message. */
export function toEventInputs(
  item: EventItem,
  instances: readonly InstanceConfig[],
  fallbackId: string,
  now: Date,
): ConvertedEvent[] {
  const source = typeof item.source === 'string' ? item.source : defaultSource(instances);
  const instance = instances.find((i) => i.name === source);
  if ('vendor' in item) {
    if (!instance) throw new Error(`unknown adapter instance \`${source}\`; configured: ${names(instances)}`);
    const map = instance.manifest.mapVendorEvent;
    if (!map) throw new Error(`adapter \`${instance.manifest.name}\` cannot map vendor payloads`);
    const events = map(item.vendor, { source, now, options: instance.options as Record<string, unknown> });
    return events.map((event) => ({ source, event: { ...event, source } }));
  }
  if (typeof item.type !== 'string') {
    throw new Error('an event needs `type` (a normalized event) or `vendor` (a vendor payload)');
  }
  if (!instance) throw new Error(`unknown adapter instance \`${source}\`; configured: ${names(instances)}`);
  const event = { id: fallbackId, ...item, source } as EventInput;
  return [{ source, event }];
}

function defaultSource(instances: readonly InstanceConfig[]): string {
  if (instances.length === 1) return (instances[0] as InstanceConfig).name;
  throw new Error(`the event needs \`source\` (one of ${names(instances)})`);
}

const names = (instances: readonly InstanceConfig[]): string =>
  instances.length === 0 ? '(none)' : instances.map((i) => `\`${i.name}\``).join(', ');

/** The event as the dispatcher checks it: `time` and `vars` filled in when missing. */
export function asPublished(event: EventInput): unknown {
  return { ...event, time: event.time ?? new Date().toISOString(), vars: event.vars ?? {} };
}
