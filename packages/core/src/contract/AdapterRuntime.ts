/** Connection state of an adapter instance, shown by `/readyz` and the console. */
export type AdapterState =
  | 'starting'
  | 'connecting'
  | 'connected'
  | 'listening'
  | 'disconnected'
  | 'stopped'
  | 'failed';

/** Connected (a client adapter) or listening (a server adapter): the instance is ready. */
export function isUpState(state: AdapterState): boolean {
  return state === 'connected' || state === 'listening';
}

export interface AdapterStatus {
  readonly state: AdapterState;
  readonly detail?: string;
  readonly since: string;
}

/**
 * The behaviour of one adapter instance, deliberately small: start (connect, subscribe, mount routes),
 * stop (release everything, finish in-flight work). Reconnection is the adapter's job, with
 * `Backoff` from core; it reports its state through `InstanceEvents.setState`.
 */
export interface AdapterRuntime {
  start(): Promise<void>;
  stop(): Promise<void>;
}
