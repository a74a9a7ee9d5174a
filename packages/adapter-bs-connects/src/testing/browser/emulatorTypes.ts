/**
 * Types of the b+s Connects emulator that runs in the browser (the classes in this folder are inlined
 * into the harness pages, so they use nothing from module scope but types).
 */

export interface EmulatedAgent {
  readonly agentId: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly loginName?: string;
  readonly extension?: string;
  readonly teamId?: string;
}

export interface ReasonCode {
  readonly id: string;
  readonly label: string;
}

export type ReasonCodes = Readonly<Record<'NotReady' | 'Logout' | 'Wrapup', readonly ReasonCode[]>>;

export interface CilReplyLike {
  readonly success: boolean;
  readonly response?: unknown;
  readonly error?: string;
}

/** One request the integration made, with its arguments, as the emulator received it. */
export interface RecordedRequest {
  readonly request: string;
  readonly args: readonly unknown[];
  /** ms since epoch. */
  readonly at: number;
  /** The emulated tab that received it. */
  readonly tab: string;
}

export interface Workitem {
  readonly id: string;
  readonly direction: 'Incoming' | 'Outgoing';
  state: string;
  readonly ani: string;
  readonly ctiData: Record<string, unknown>;
  readonly associatedParticipant?: { id: string; name: string; recordType: string };
  readonly classification: string;
  connectedAt?: string;
}

/** What the emulated library needs from the tab that hosts it. */
export interface LibraryHost {
  /** Resolves once the tab knows whether it is the primary one. */
  readonly ready: Promise<void>;
  request(name: string, args: readonly unknown[]): Promise<CilReplyLike>;
  /** The integration initialised (its `initIntegration` callback ran). */
  initialized(): void;
}

export interface ConnectsTabOptions {
  readonly agent: EmulatedAgent;
  readonly tab?: string;
  readonly channelId?: string;
  readonly reasonCodes?: ReasonCodes;
  /** Reloads the integration's frame (login recovery); resolves when it initialised again. */
  readonly reloadIntegration?: () => void;
}
