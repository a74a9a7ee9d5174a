/** Connection state of an adapter instance, shown by `/readyz` and the console. */
export type AdapterState =
  | 'starting'
  | 'connecting'
  | 'connected'
  | 'listening'
  /** Another node holds the vendor connection (high availability); this node takes over if it dies. */
  | 'standby'
  | 'disconnected'
  | 'stopped'
  | 'failed';

/** Connected (a client adapter) or listening (a server adapter): the instance is ready. */
export function isUpState(state: AdapterState): boolean {
  return state === 'connected' || state === 'listening';
}

/** Up, or standing by for another node that is up: the instance does not keep its node from being ready. */
export function isReadyState(state: AdapterState): boolean {
  return isUpState(state) || state === 'standby';
}

export interface AdapterStatus {
  readonly state: AdapterState;
  readonly detail?: string;
  readonly since: string;
}

/**
 * The behaviour of one adapter instance, deliberately small: start (open its connections with
 * `ctx.connections.run`, its bridges with `ctx.bridges.open`, its routes with `ctx.http`), stop (release
 * what the adapter holds itself, finish in-flight work). Core reconnects, reports connection state and
 * closes the kit's connections, bridges and routes after `stop()`.
 */
export interface AdapterRuntime {
  start(): Promise<void>;
  stop(): Promise<void>;
}
