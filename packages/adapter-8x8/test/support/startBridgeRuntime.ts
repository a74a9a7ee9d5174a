import type { NormalizedEvent } from '@switchboard/core';
import {
  compileRuleSources,
  type Diagnostic,
  RuleCatalog,
  Runtime,
  type StateBackend,
} from '@switchboard/core/host';
import { eightByEightAdapter } from '../../src/manifest.js';
import type { MaestroOptions } from '../../src/options.js';

export interface BridgeRuntime {
  readonly runtime: Runtime;
  readonly address: string;
  /** Events the engine handled, in order. */
  readonly events: NormalizedEvent[];
  readonly diagnostics: Diagnostic[];
  /** Stops as the daemon does, waiting `drainMs` for in-flight actions (default 1000). */
  stop(drainMs?: number): Promise<void>;
}

/**
 * An in-process runtime with one 8x8 instance `cc` (Maestro bridge only) and the given rules; with a
 * durable `state`, a second runtime on it is the daemon restarted.
 */
export async function startBridgeRuntime(
  maestro: Partial<MaestroOptions> & Pick<MaestroOptions, 'allowedOrigins' | 'secret'>,
  rules: string,
  state?: StateBackend,
): Promise<BridgeRuntime> {
  const catalog = new RuleCatalog([{ name: 'cc', manifest: eightByEightAdapter }]);
  const loaded = compileRuleSources([{ file: 'rules.yaml', text: rules }], { catalog });
  if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.format()).join('\n'));
  const runtime = new Runtime({
    instances: [{ name: 'cc', manifest: eightByEightAdapter, options: { maestro } }],
    rules: loaded.ruleSet,
    server: { host: '127.0.0.1', port: 0 },
    ...(state ? { state } : {}),
  });
  const events: NormalizedEvent[] = [];
  const diagnostics: Diagnostic[] = [];
  runtime.diagnostics.subscribe((d) => {
    diagnostics.push(d);
    if (d.kind === 'event') events.push(d.event);
  });
  await runtime.start();
  const address = runtime.http.address;
  if (!address) throw new Error('the HTTP surface is not listening');
  return {
    runtime,
    address,
    events,
    diagnostics,
    stop: async (drainMs = 1000) => void (await runtime.stop(drainMs)),
  };
}
