import type { ValidationIssue } from './checkEnvelope.js';

/**
 * What the browser bridge and the daemon say to each other over the instance's socket.io namespace
 * (`/adapters/<instance>`). Shared by both sides.
 */
export const bridgeMessages = {
  /** bridge → daemon: a message from the Maestro iframe that passed the bridge's schema check. */
  envelope: 'maestro:envelope',
  /** bridge → daemon: a message from the Maestro iframe that failed it. */
  invalid: 'maestro:invalid',
  /** daemon → bridge (with acknowledgement): place a call. */
  dial: 'maestro:dial',
} as const;

export interface EnvelopeMessage {
  /** Unique per message the bridge received (ids of `adapter.error` events). */
  readonly messageId: string;
  readonly envelope: unknown;
}

export interface InvalidEnvelopeMessage extends EnvelopeMessage {
  readonly reason: string;
  readonly errors: readonly ValidationIssue[];
}

export interface DialCommand {
  /** E.164, already normalized by the daemon. */
  readonly phoneNumber: string;
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
