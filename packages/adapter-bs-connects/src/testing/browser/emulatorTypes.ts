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

/**
 * How the library hands the Integration API to the integration: `global` (the
 * `ConnectsIntegrationLibrary` global is the API, as b+s's class-based examples use it), `callback` (the
 * global only offers `initIntegration`, whose callback gets the API object), or `other-product` (the
 * callback gets an API of another b+s product, with other names: an incompatible library).
 */
export type LibraryShape = 'global' | 'callback' | 'other-product';

export interface ConnectsTabOptions {
  readonly agent: EmulatedAgent;
  /** Default `global`. */
  readonly libraryShape?: LibraryShape;
  /**
   * Raise `beforeDial` in every tab of the agent, like the CTI events, instead of only in the tab the
   * agent dialed in (b+s does not say which it does).
   */
  readonly beforeDialInEveryTab?: boolean;
  readonly tab?: string;
  readonly channelId?: string;
  readonly reasonCodes?: ReasonCodes;
  /** Reloads the integration's frame (login recovery); resolves when it initialised again. */
  readonly reloadIntegration?: () => void;
}
