/**
 * @deprecated Adapters use `ctx.state` (`StateStore`, the same calls). Removed in core 2.0.
 *
 * A little durable state for adapters (a subscription id that must survive a restart). The default
 * implementation is a JSON file per namespace on disk; a shared store can replace it when several
 * daemons run side by side.
 */
export interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Gives each adapter instance its own namespace. */
export interface KeyValueStoreFactory {
  open(namespace: string): KeyValueStore;
}
