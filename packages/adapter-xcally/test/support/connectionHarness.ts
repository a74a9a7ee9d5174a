import { type AdapterState, type Logger } from '@switchboard/core';
import { checkOptions } from '@switchboard/core/host';
import { type CapturedLog, createTestContext, type TestContext } from '@switchboard/core/testing';
import { waitFor } from '@switchboard/test-support';
import { xcallyAdapter } from '../../src/manifest.js';
import type { XcallyOptions } from '../../src/options.js';
import { connectionSettings } from '../../src/transport/connectionSettings.js';
import { type ConnectionSettings, XcallyConnection } from '../../src/transport/XcallyConnection.js';
import type { XcallyInbound } from '../../src/transport/XcallyInbound.js';

export type LogEntry = CapturedLog;

/**
 * An XcallyConnection in a real instance context (core's connection loop, state and logs, recorded),
 * with the socket messages recorded instead of mapped.
 */
export class ConnectionHarness {
  readonly messages: { name: string; args: readonly unknown[] }[] = [];
  #test: TestContext<XcallyOptions> | undefined;
  #connection: XcallyConnection | undefined;

  /** Options as the runtime gets them (schema defaults applied), with a fast backoff. */
  static options(options: Record<string, unknown>): XcallyOptions {
    const checked = checkOptions(xcallyAdapter, {
      connectTimeoutMs: 2000,
      reconnect: { initialMs: 30, maxMs: 200 },
      ...options,
    });
    if (!checked.ok) throw new Error(`bad options: ${JSON.stringify(checked.errors)}`);
    return checked.options as XcallyOptions;
  }

  get states(): { state: AdapterState; detail?: string }[] {
    return this.#test?.states ?? [];
  }

  get logs(): readonly LogEntry[] {
    return this.#test?.logs ?? [];
  }

  get connection(): XcallyConnection {
    if (!this.#connection) throw new Error('start the harness first');
    return this.#connection;
  }

  get logger(): Logger | undefined {
    return this.#test?.context.logger;
  }

  /** `tuning` overrides settings the options do not reach (e.g. `stableAfterMs`). */
  start(
    options: Record<string, unknown>,
    ca?: string,
    tuning: Partial<Pick<ConnectionSettings, 'stableAfterMs'>> = {},
  ): void {
    const checked = ConnectionHarness.options(options);
    this.#test = createTestContext({ instance: 'xcally', options: checked });
    const inbound = {
      handle: (name: string, args: readonly unknown[]) => this.messages.push({ name, args }),
    };
    this.#connection = new XcallyConnection(this.#test.context, inbound as unknown as XcallyInbound);
    this.#connection.start({ ...connectionSettings(checked, ca), ...tuning });
  }

  /** The delays of the reconnects logged so far (`reconnecting to xcally-realtime at … in N ms`). */
  reconnectDelays(): number[] {
    return this.logs.flatMap((l) => {
      const match = /^reconnecting to xcally-realtime at \S+ in (\d+) ms$/.exec(l.msg);
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

  /** What core does after the adapter's `stop()`: the connection loop ends, the session closes. */
  async stop(): Promise<void> {
    await this.#test?.close();
  }
}
