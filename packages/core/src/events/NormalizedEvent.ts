/** Normalized event types every adapter maps its vendor events onto (see the brief's table). */
export const normalizedEventTypes = [
  'call.offered',
  'call.answered',
  'call.held',
  'call.resumed',
  'call.wrapup',
  'call.ended',
  'call.abandoned',
  'call.outbound',
  'dial.requested',
  'agent.state',
  'agent.provisioning',
  'adapter.connected',
  'adapter.disconnected',
  'adapter.error',
  'action.failed',
  /** A vendor event with no normalized meaning, passed through; rules match it by `<adapter>.<name>`. */
  'vendor.event',
] as const;

export type NormalizedEventType = (typeof normalizedEventTypes)[number];

export type CallDirection = 'inbound' | 'outbound' | 'internal';

export interface CallInfo {
  /** Stable across every event of one call (the vendor's call, interaction or work item id). */
  id: string;
  direction?: CallDirection;
  queue?: string;
  caller?: string;
  callerName?: string;
  callee?: string;
  agent?: string;
  peer?: string;
  media?: string;
  state?: string;
  ringSeconds?: number;
  holdSeconds?: number;
  talkSeconds?: number;
}

export interface AgentInfo {
  id: string;
  name?: string;
  peer?: string;
  extension?: string;
  state?: string;
  reason?: string;
}

export type Vars = Record<string, unknown>;

export interface NormalizedEvent {
  /** Idempotency key: the same vendor event delivered twice carries the same id. */
  id: string;
  type: NormalizedEventType;
  /** `<adapter>.<vendor event name>`, e.g. `acme.ring`, when the event came from a vendor. */
  vendorEvent?: string;
  /** ISO 8601. */
  time: string;
  /** The adapter instance name from the config (`core` for events core raises itself). */
  source: string;
  call?: CallInfo;
  agent?: AgentInfo;
  vars: Vars;
  /** The vendor payload, untouched. */
  raw?: unknown;
}

/** The event as an adapter hands it to core: `source`, `time` and `vars` are filled in when missing. */
export type EventInput = Omit<NormalizedEvent, 'source' | 'time' | 'vars'> & {
  time?: string;
  vars?: Vars;
  source?: string;
};

/** Types that end a call: the call context store drops the call's vars some time after. */
export const callEndingTypes: ReadonlySet<string> = new Set(['call.ended', 'call.abandoned']);
