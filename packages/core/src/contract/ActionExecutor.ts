import type { NormalizedEvent } from '../events/NormalizedEvent.js';

/** One action to carry out, with its parameters already rendered from the event. */
export interface ActionRequest<P = Readonly<Record<string, unknown>>> {
  /** Action name, e.g. `openUrl`. */
  readonly action: string;
  /** Adapter instance that carries it out (`via`, else the event's source). */
  readonly instance: string;
  /** Rendered and checked against the action's params schema, defaults applied. */
  readonly params: P;
  /** The rule that produced it. */
  readonly rule: string;
  /** The event that fired the rule, with the call's accumulated vars. */
  readonly event: NormalizedEvent;
  /**
   * A key for this action of this rule for this event (a UUID): the same on every attempt, and when the
   * event is delivered again (a replay, a restart). For an action delivered `once` per call it is the
   * call's (the same for every event of the call). For vendor APIs and receivers that drop repeats. The
   * runtime always sets it.
   */
  readonly idempotencyKey?: string;
  /** True when the event is run again after a restart (it was pending when the daemon stopped). */
  readonly recovered?: boolean;
}

export interface ActionContext {
  /** Aborted when the action times out or the daemon shuts down. */
  readonly signal: AbortSignal;
  /**
   * Answers the event's pending request (see `AdapterEvents.request`). Returns false when the request
   * was already answered or has expired, or when nobody waits. True means accepted: the answer wins at
   * once, or is held until every earlier matched rule has finished without answering (then it wins, or
   * loses to an earlier rule's answer).
   */
  answer(value: unknown): boolean;
  /** Writes values into the call's vars: visible to the next actions of this rule and later events of the call. */
  setVars(values: Readonly<Record<string, unknown>>): void;
}

/**
 * Carries out one action for one adapter instance. An adapter names one executor per action in its
 * manifest (`executors`); core dispatches by action name (no central switch over vendors). A returned
 * value becomes the outcome's `result`; a thrown error makes the action fail, with the error's `code`
 * when the adapter's catalog declares it (`defineErrorCodes`).
 */
export interface ActionExecutor<P = Readonly<Record<string, unknown>>> {
  /**
   * @deprecated The key of the manifest's `executors` names the action. Only executors bound through a
   * legacy `module` need it (removed with `module` in core 2.0).
   */
  readonly action?: string;
  execute(request: ActionRequest<P>, context: ActionContext): Promise<unknown> | unknown;
}

export type ActionStatus = 'ok' | 'failed';

/** What happened to one action, reported to logs, metrics, tests and the console. */
export interface ActionOutcome {
  readonly eventId: string;
  /** Source instance of the event that fired the rule. */
  readonly source: string;
  readonly callId?: string;
  readonly rule: string;
  /** Position of the action in its rule's `do` list. */
  readonly index: number;
  readonly action: string;
  readonly instance: string;
  readonly status: ActionStatus;
  readonly durationMs: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly result?: unknown;
  readonly error?: string;
  readonly errorCode?: string;
}
