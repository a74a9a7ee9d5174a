import type { ValidationIssue } from './checkEnvelope.js';

/**
 * What the browser bridge and the daemon say to each other over the instance's socket.io namespace
 * (`/adapters/<instance>`). Shared by both sides.
 */
export const bridgeMessages = {
  /** bridge → daemon (acknowledged): a message from the Maestro iframe that passed the bridge's schema check. */
  envelope: 'maestro:envelope',
  /** bridge → daemon (acknowledged): a message from the Maestro iframe that failed it. */
  invalid: 'maestro:invalid',
  /** bridge → daemon: messages the bridge dropped while the daemon was away (a `BridgeDropReport`). */
  report: 'maestro:report',
  /** daemon → bridge (with acknowledgement): place a call. */
  dial: 'maestro:dial',
} as const;

/**
 * How much the bridge forwards per message. engine.io closes a connection that sends more than the
 * daemon's `maxHttpBufferSize` (1,000,000 bytes) in one packet, so the bridge stays well below it: an
 * envelope is at most 256 Ki UTF-16 code units of JSON, at most 768 KiB as UTF-8 (3 bytes per code
 * unit at worst), which leaves room for the rest of the message and socket.io's framing.
 */
export const bridgeLimits = {
  /** JSON length of a forwarded envelope; what does not fit is cut, with a marker. */
  maxEnvelopeChars: 256 * 1024,
  /** Longest string field forwarded whole (a chat transcript, notes); longer ones are cut, with a marker. */
  maxStringChars: 32 * 1024,
  /** Deepest nesting forwarded (a top-level object is 1); stays below core's limit for outside JSON (64). */
  maxDepth: 32,
  /** JSON length of what the bridge forwards of a message that failed the schema check: a summary. */
  maxInvalidChars: 16 * 1024,
  /** Longest string field of such a summary. */
  maxInvalidStringChars: 2 * 1024,
} as const;

export interface EnvelopeMessage {
  /** Unique per message the bridge received (ids of `adapter.error` events); kept when it is sent again. */
  readonly messageId: string;
  readonly envelope: unknown;
  /** How many fields the bridge cut or left out to keep the message within `bridgeLimits`. */
  readonly truncated?: number;
}

export interface InvalidEnvelopeMessage extends EnvelopeMessage {
  readonly reason: string;
  readonly errors: readonly ValidationIssue[];
}

/**
 * The daemon's acknowledgement of an envelope: it took the message (whatever it made of it), or, with
 * `retry`, it could not record it now: the bridge keeps it and sends it again.
 */
export interface EnvelopeAck {
  readonly ok: boolean;
  readonly retry?: boolean;
  readonly error?: string;
}

/** bridge → daemon, once it is back: what the bridge could not keep while the daemon was away. */
export interface BridgeDropReport {
  readonly dropped: number;
  readonly reason: string;
}

export interface DialCommand {
  /** E.164, already normalized by the daemon. */
  readonly phoneNumber: string;
  /**
   * The dial's idempotency key: the same when the daemon sends it again (after a restart that cut off
   * its confirmation). A bridge that placed the call for this key answers with that result, dialling nothing.
   */
  readonly key?: string;
}

export interface DialAck {
  readonly ok: boolean;
  readonly error?: string;
}

/** What the daemon tells the bridge script it serves. */
export interface BridgeServerConfig {
  /** The socket.io namespace, `/adapters/<instance>`. */
  readonly namespace: string;
  /** URL of the Maestro iframe (8x8's CTI URL, or an emulator's). */
  readonly maestroUrl: string;
}
