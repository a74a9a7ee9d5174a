import { plainFraming, type SapiFraming } from './sapiEncoding.js';

export interface SapiEmulatorOptions {
  /** The tenant a client must subscribe for (default `acmecorp01`). */
  readonly tenant?: string;
  /** The Data Request Token a client must present (default `emulator-token`). */
  readonly token?: string;
  /** 0 (default) picks a free port; give the old one to come back on it after `close()`. */
  readonly port?: number;
  readonly framing?: Partial<SapiFraming>;
  /** Seconds until a session is closed (SAPI: 60 minutes). */
  readonly sessionSeconds?: number;
  /** Seconds a subscription keeps events for replay (SAPI: 2 hours). */
  readonly replayWindowSeconds?: number;
  /** `history`: a reconnect gets every kept event again (the client de-duplicates); `missed`: only undelivered ones. */
  readonly replay?: 'history' | 'missed';
  /** Concurrent streams per tenant (SAPI: 3). */
  readonly maxClients?: number;
  /** Status for a client over the limit (8x8 does not document it). */
  readonly clientLimitStatus?: number;
  /** `X` heartbeat interval in ms; 0: none. */
  readonly heartbeatMs?: number;
  /** `ClientCheck` heartbeat event interval in ms; 0: none. */
  readonly clientCheckMs?: number;
  /**
   * `msgInfo.sequenceId` of `ClientCheck` heartbeats: a fixed number (8x8 does not document what
   * heartbeats carry; `0` is one possibility), or `'shared'` to count them with the events.
   */
  readonly clientCheckSequenceId?: number | 'shared';
  /** Each write is split into pieces of this many bytes (0: whole), to exercise chunking. */
  readonly splitWrites?: number;
  readonly instanceId?: string;
}

export type ResolvedSapiEmulatorOptions = Required<Omit<SapiEmulatorOptions, 'framing'>> & {
  readonly framing: SapiFraming;
};

export function resolveEmulatorOptions(options: SapiEmulatorOptions): ResolvedSapiEmulatorOptions {
  return {
    tenant: 'acmecorp01',
    token: 'emulator-token',
    port: 0,
    sessionSeconds: 3600,
    replayWindowSeconds: 7200,
    replay: 'history',
    maxClients: 3,
    clientLimitStatus: 429,
    heartbeatMs: 0,
    clientCheckMs: 0,
    clientCheckSequenceId: 'shared',
    splitWrites: 0,
    instanceId: 'emulator01.sapi-v1',
    ...options,
    framing: { ...plainFraming, ...options.framing },
  };
}

/** One subscribe request the emulator answered. */
export interface SapiRequestRecord {
  readonly subscriptionId: string;
  readonly status: number;
  readonly outputType: string;
  readonly query: Readonly<Record<string, string>>;
  readonly at: number;
}
