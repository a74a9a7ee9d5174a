/** `switchboard.yaml` after validation, defaults applied and `${VAR}`s read. */
export interface DaemonConfig {
  readonly adapters: Readonly<
    Record<string, { use: string; options?: Record<string, unknown>; enabled: boolean }>
  >;
  readonly rules: string | string[];
  readonly allowNoRules: boolean;
  readonly tests: string | string[];
  readonly server: { host: string; port: number; publicUrl?: string; bodyLimit: number };
  readonly admin: {
    enabled: boolean;
    host: string;
    port: number;
    token?: string;
    journal: number;
    stream: { max: number; bufferLimit: number };
  };
  readonly watch: boolean;
  readonly calls: { ttlAfterEnd: number; idleTtl: number; max: number };
  readonly dedupe: { window: number; max: number };
  readonly actions: { timeout: number };
  readonly state: { dir: string; redis?: RedisStateConfig };
  readonly node: { id?: string };
  readonly log: { level: string; format: 'auto' | 'json' | 'pretty' };
  readonly startup: { adapterTimeout: number };
  readonly shutdown: { drainTimeout: number; adapterTimeout: number };
}

/** `state.redis`: several daemons share one Redis. */
export interface RedisStateConfig {
  readonly url: string;
  readonly ca?: string;
  readonly prefix: string;
  readonly sentinels?: readonly { readonly host: string; readonly port: number }[];
  readonly name?: string;
  readonly lease: { readonly ttlMs: number; readonly renewEveryMs: number };
  readonly warmWindowMs: number;
}
