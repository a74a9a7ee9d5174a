import type { CilEventName } from '../vendorEvents.js';

/** Who raised an event: the agent of the bridge it came through. */
export interface CilAgent {
  readonly id: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly extension?: string;
}

/** Instance settings the mapping depends on. */
export interface CilMappingSettings {
  /** The `ctiData` key holding the queue (`call.queue`); default `queue`. */
  readonly queueVariable?: string;
}

/** One Integration API event as the mappers see it. */
export interface CilEventInput {
  readonly name: CilEventName;
  /** The library's event data, untouched. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly agent: CilAgent;
  /** Unique per raised event (the bridge's message id): keys events that can repeat within a call. */
  readonly messageId: string;
  /** ISO 8601 time the library raised it. */
  readonly time: string;
}

export type CilMapping<T> =
  | { readonly ok: true; readonly event: T }
  | { readonly ok: false; readonly reason: string };

/** Adapter name used in `vendorEvent` (`bs-connects.workitemCreate`). */
export const adapterName = 'bs-connects';

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : undefined;
