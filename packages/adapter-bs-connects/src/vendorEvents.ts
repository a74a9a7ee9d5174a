import type { NormalizedEventType } from '@switchboard/core';

/**
 * Every event of the Integration API a Custom Integration can subscribe to, usable as
 * `on: bs-connects.<name>`: what kind of thing it reports, the normalized types it maps to, and what it
 * means. The one list: the bridge subscribes to these names, the daemon accepts only these, and the
 * manifest, the mappers and the README derive from it.
 *
 * `oncePerWorkitem`: happens at most once per workitem and agent, so a repeat (call recovery on login, a
 * second tab) is the same event and fires its rules once.
 */
export const cilEvents = {
  agentStateChange: {
    kind: 'agent',
    emits: ['agent.state'],
    meaning: "The agent's state changed on a channel → agent.state.",
  },
  beforeDial: {
    kind: 'agent',
    emits: ['dial.requested'],
    meaning:
      'The agent started a call; it waits for a rule to `dial` (else the original number) → dial.requested.',
  },
  error: {
    kind: 'agent',
    emits: ['adapter.error'],
    meaning: 'A request failed or b+s Connects met an error → adapter.error.',
  },
  workitemCreate: {
    kind: 'workitem',
    oncePerWorkitem: true,
    emits: ['call.offered', 'call.outbound'],
    meaning:
      'A work item appeared and is alerting, or the agent logged in during a call (call recovery: fires its rules once) → call.offered / call.outbound.',
  },
  workitemConnect: {
    kind: 'workitem',
    oncePerWorkitem: true,
    emits: ['call.answered'],
    meaning: 'A work item was accepted → call.answered.',
  },
  workitemPause: {
    kind: 'workitem',
    oncePerWorkitem: false,
    emits: ['call.held'],
    meaning: 'A work item was paused (hold) → call.held.',
  },
  workitemResume: {
    kind: 'workitem',
    oncePerWorkitem: false,
    emits: ['call.resumed'],
    meaning: 'A paused work item was resumed → call.resumed.',
  },
  workitemWrapup: {
    kind: 'workitem',
    oncePerWorkitem: true,
    emits: ['call.wrapup'],
    meaning: 'A work item entered wrap-up → call.wrapup.',
  },
  workitemEnd: {
    kind: 'workitem',
    oncePerWorkitem: true,
    emits: ['call.ended', 'call.abandoned'],
    meaning:
      'A work item disappeared (after wrap-up, if enabled) → call.ended, or call.abandoned for EndedAbandoned.',
  },
} as const satisfies Record<string, CilEventSpec>;

interface CilEventSpec {
  readonly kind: 'agent' | 'workitem';
  readonly oncePerWorkitem?: boolean;
  readonly emits: readonly NormalizedEventType[];
  readonly meaning: string;
}

type CilEvents = typeof cilEvents;

export type CilEventName = keyof CilEvents;

/** The events about a workitem (a call): mapped to `call.*`. */
export type WorkitemEventName = {
  [K in CilEventName]: CilEvents[K]['kind'] extends 'workitem' ? K : never;
}[CilEventName];

const entries = Object.entries(cilEvents) as [CilEventName, CilEventSpec][];

/** The names, in the table's order (the order the bridge subscribes in). */
export const cilEventNames: readonly CilEventName[] = entries.map(([name]) => name);

/** A `Set`, because the name comes from outside: on a plain object `constructor` would be found. */
const named = (test: (spec: CilEventSpec) => boolean): ReadonlySet<string> =>
  new Set(entries.filter(([, spec]) => test(spec)).map(([name]) => name));

const knownNames = named(() => true);
export const workitemEvents = named((spec) => spec.kind === 'workitem');
export const oncePerWorkitemEvents = named((spec) => spec.oncePerWorkitem === true);

export const isCilEventName = (name: string): name is CilEventName => knownNames.has(name);
export const isWorkitemEvent = (name: CilEventName): name is WorkitemEventName => workitemEvents.has(name);

/** What each event means, for the manifest (`on: bs-connects.<name>`) and the README. */
export const bsConnectsVendorEvents = Object.fromEntries(
  entries.map(([name, spec]) => [name, spec.meaning]),
) as Readonly<Record<CilEventName, string>>;

/** The normalized types the events map to, for the manifest's `emits.events`. */
export const bsConnectsEventTypes: readonly NormalizedEventType[] = [
  ...new Set(entries.flatMap(([, spec]) => spec.emits)),
];
