/** `msgInfo` of every SAPI event: who published it, in which order, when (ms since the epoch). */
export interface SapiMsgInfo {
  readonly instanceId: string;
  readonly sequenceId: number;
  readonly timestamp: number;
}

/**
 * One decoded SAPI event, the same whether it came as JSON or XML: `type` is the top-level key
 * (`Interaction`, `AgentStatusChange`, `AgentProvChange`, `ClientCheck`, …), `body` its content with
 * list fields always arrays and scalar values typed as the JSON output types them.
 */
export interface SapiEvent {
  readonly type: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly msgInfo?: SapiMsgInfo;
}

/** The class of SAPI's own heartbeat event. */
export const heartbeatEventType = 'ClientCheck';
