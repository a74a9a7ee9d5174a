import {
  type AdapterState,
  type AdapterStatus,
  checkOptions,
  type InstanceEvents,
  type Logger,
} from '@switchboard/core';
import { waitFor } from '@switchboard/test-support';
import { xcallyAdapter } from '../../src/manifest.js';
import { connectionSettings } from '../../src/transport/connectionSettings.js';
import { type ConnectionSettings, XcallyConnection } from '../../src/transport/XcallyConnection.js';
import type { XcallyOptions } from '../../src/XcallyOptions.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
}

/** An XcallyConnection wired to recording stand-ins for core's instance services. */
export class ConnectionHarness {
  readonly states: { state: AdapterState; detail?: string }[] = [];
  readonly logs: LogEntry[] = [];
  readonly messages: { name: string; args: readonly unknown[] }[] = [];
  readonly connection: XcallyConnection;
  #status: AdapterStatus = { state: 'starting', since: new Date().toISOString() };

  constructor() {
    const setState = (state: AdapterState, detail?: string): void => {
      const entry = { state, ...(detail !== undefined ? { detail } : {}) };
      this.states.push(entry);
      this.#status = { ...entry, since: new Date().toISOString() };
    };
    const status = (): AdapterStatus => this.#status;
    const events = {
      setState,
      get status() {
        return status();
      },
    } as unknown as InstanceEvents;
    const log = (level: LogEntry['level']) => (a: unknown, b?: unknown) =>
      this.logs.push({ level, msg: typeof a === 'string' ? a : String(b) });
    const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    this.connection = new XcallyConnection(events, logger as unknown as Logger);
  }

  /** Options as the runtime gets them (schema defaults applied), with a fast backoff. */
  static options(options: Record<string, unknown>): XcallyOptions {
    const checked = checkOptions(xcallyAdapter, {
      connectTimeoutMs: 2000,
      reconnect: { initialMs: 30, maxMs: 200 },
      ...options,
    });
    if (!checked.ok) throw new Error(`bad options: ${JSON.stringify(checked.errors)}`);
    return checked.options as unknown as XcallyOptions;
  }

  /** `tuning` overrides settings the options do not reach (e.g. `stableAfterMs`). */
  start(
    options: Record<string, unknown>,
    ca?: string,
    tuning: Partial<Pick<ConnectionSettings, 'stableAfterMs'>> = {},
  ): void {
    const settings = { ...connectionSettings(ConnectionHarness.options(options), ca), ...tuning };
    this.connection.start(settings, (name, args) => this.messages.push({ name, args }));
  }

  /** The delays of the reconnects logged so far (`reconnecting to xcally-realtime in N ms`). */
  reconnectDelays(): number[] {
    return this.logs.flatMap((l) => {
      const match = /^reconnecting to xcally-realtime in (\d+) ms$/.exec(l.msg);
      return match ? [Number(match[1])] : [];
    });
  }

  count(state: AdapterState): number {
    return this.states.filter((s) => s.state === state).length;
  }

  /** Waits until the connection reached `state` at least `times` times in all. */
  waitForState(
    state: AdapterState,
    times = 1,
    timeoutMs = 5000,
  ): Promise<{ state: AdapterState; detail?: string }> {
    return waitFor(
      () => (this.count(state) >= times ? this.states.filter((s) => s.state === state).at(-1) : undefined),
      `state ${state} ×${times} (states so far: ${JSON.stringify(this.states)})`,
      timeoutMs,
    );
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}
