import type { CilEventName } from '../vendorEvents.js';

/**
 * The wire contract between a bridge (the web resource in the agent's browser) and the daemon, over the
 * socket.io namespace `/adapters/<instance>`. The browser half cannot import values, so it spells the
 * message names itself; these types keep both halves honest. The event names are `cilEventNames`
 * (`vendorEvents.ts`).
 */

/** socket.io event names. */
export const BridgeMessages = {
  /** bridge → daemon: one Integration API event, acknowledged with a `BridgeEventReply`. */
  event: 'cil:event',
  /** bridge → daemon: events the bridge could not deliver (too many, too old, dials decided alone). */
  report: 'bridge:report',
  /** daemon → bridge: one Integration API request, acknowledged with the library's `CilReply`. */
  request: 'cil:request',
  /** daemon → bridge, right after connecting: settings the daemon owns. */
  welcome: 'bridge:welcome',
  /** bridge → daemon: what became of the number a rule chose for a `beforeDial` (a `BridgeDialOutcome`). */
  dialOutcome: 'bridge:dial-outcome',
} as const;

export type BridgeMessageName = (typeof BridgeMessages)[keyof typeof BridgeMessages];

/** Requests the daemon may ask a bridge to make; anything else is refused by the bridge. */
export const cilRequestNames = [
  'createSession',
  'setAgentState',
  'dialOrConsult',
  'showInfo',
  'showError',
  'writeLog',
  'getReasonCodeList',
  'getChannel',
  'getCustomSettings',
] as const;

export type CilRequestName = (typeof cilRequestNames)[number];

/** `socket.handshake.auth` of a bridge. */
export interface BridgeAuth {
  readonly key: string;
  /** `getChannel().agentId`: the Cisco Common Identity user id of the agent. */
  readonly agentId: string;
  /**
   * `isPrimaryTab()`: only the primary tab joins the agent's room (forwards CTI events, carries out
   * requests); other tabs connect to forward the `beforeDial` the agent raised in them.
   */
  readonly primary: boolean;
  readonly agent?: {
    readonly firstName?: string;
    readonly lastName?: string;
    readonly loginName?: string;
    readonly extension?: string;
    readonly teamId?: string;
  };
  readonly bridgeVersion?: string;
  /**
   * The bridge cannot work (e.g. the b+s library offers no Integration API it can use) and connects only
   * to say so: it has no agent, forwards nothing and gets no requests.
   */
  readonly problem?: string;
}

export interface BridgeEventMessage {
  /** Unique per raised event, kept when the bridge sends it again after a reconnect. */
  readonly id: string;
  readonly name: CilEventName;
  /** The library's event data, untouched. */
  readonly data: Record<string, unknown>;
  /** When the library raised it (ISO 8601). */
  readonly raisedAt: string;
}

/**
 * The acknowledgement of a `cil:event`, sent once the event is recorded (durably, with the daemon's state
 * store): from then on its rules run, after a restart if need be, so the bridge forgets it.
 */
export interface BridgeEventReply {
  readonly ok: boolean;
  readonly error?: string;
  /** The daemon could not record the event (its state store failed): the bridge keeps it and sends it again. */
  readonly retry?: boolean;
  /**
   * For `beforeDial`: a rule chose a number (`dial`: the tab that raised the event dials `phoneNumber`
   * itself, falls back to the original number if that fails, and sends a `BridgeDialOutcome`), or no
   * rule did (`dial-original`: the tab dials the original number).
   */
  readonly decision?: 'dial' | 'dial-original';
  readonly rule?: string;
  readonly phoneNumber?: string;
  readonly channelId?: string;
}

/** The answer a rule's `dial` gives a waiting `beforeDial` (`dial.requested`). */
export interface DialAnswer {
  readonly phoneNumber: string;
  readonly channelId: string;
}

/** One `dialOrConsult` the bridge made. */
export interface DialAttempt {
  readonly phoneNumber: string;
  readonly success: boolean;
  readonly error?: string;
}

/** bridge → daemon: the tab dialed the number a rule chose for its `beforeDial`, and how it went. */
export interface BridgeDialOutcome extends DialAttempt {
  /** The `beforeDial` message's id. */
  readonly id: string;
  /** When the chosen number failed: the original number, dialed instead. */
  readonly fallback?: DialAttempt;
}

export interface BridgeReport {
  /** Events dropped without being delivered. */
  readonly dropped: number;
  /** `beforeDial` events the bridge decided alone (dialed the original) because the daemon was away. */
  readonly undecidedDials: number;
  readonly reason: string;
}

export interface BridgeWelcome {
  readonly instance: string;
  readonly beforeDialTimeoutMs: number;
  /** How long the bridge gives `dialOrConsult` before it counts the dial as failed. */
  readonly requestTimeoutMs: number;
}

export interface CilRequest {
  readonly request: CilRequestName;
  readonly args: readonly unknown[];
  /**
   * The action's idempotency key, for actions delivered `once-keyed` (`createSession`, `notification`,
   * `dial`): sent again with the same key (the daemon restarted before it heard the answer), the request
   * is not made again, the bridge answers what the first one did.
   */
  readonly key?: string;
}

/** What every Integration API request resolves to. */
export interface CilReply {
  readonly success: boolean;
  readonly response?: unknown;
  readonly error?: unknown;
}
