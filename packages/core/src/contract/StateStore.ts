/**
 * A little durable state of one adapter instance (a subscription id that must survive a restart). The
 * default backend is a JSON file per instance on disk; a shared one can replace it when several daemons
 * run side by side.
 */
export interface StateStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}
