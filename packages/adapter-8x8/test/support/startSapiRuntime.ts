import type { NormalizedEvent } from '@switchboard/core';
import type { StateBackend } from '@switchboard/core/host';
import { compileRuleSources, RuleCatalog, Runtime } from '@switchboard/core/host';
import { eightByEightAdapter } from '../../src/manifest.js';
import type { SapiTarget } from './startSapiConnection.js';

export interface SapiRuntime {
  readonly runtime: Runtime;
  /** Events the engine handled, in order. */
  readonly events: NormalizedEvent[];
  /** Reasons of the input the instance rejected, in order. */
  readonly rejected: string[];
  stop(drainMs?: number): Promise<void>;
}

/**
 * An in-process runtime with one 8x8 instance `cc` subscribed to `target`, core's real ledger and call
 * vars on `state`: a second runtime on the same `state` is the daemon restarted.
 */
export async function startSapiRuntime(
  target: SapiTarget,
  state: StateBackend,
  rules = 'rules: []\n',
): Promise<SapiRuntime> {
  const catalog = new RuleCatalog([{ name: 'cc', manifest: eightByEightAdapter }]);
  const loaded = compileRuleSources([{ file: 'rules.yaml', text: rules }], { catalog });
  if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.format()).join('\n'));
  const sapi = {
    tenant: target.options.tenant,
    token: target.options.token,
    baseUrl: target.url,
    retry: { initialMs: 50, maxMs: 200 },
  };
  const runtime = new Runtime({
    instances: [{ name: 'cc', manifest: eightByEightAdapter, options: { sapi } }],
    rules: loaded.ruleSet,
    state,
  });
  const events: NormalizedEvent[] = [];
  const rejected: string[] = [];
  runtime.diagnostics.subscribe((d) => {
    if (d.kind === 'event' && d.event.source === 'cc') events.push(d.event);
    else if (d.kind === 'rejected' && d.source === 'cc') rejected.push(d.reason);
  });
  await runtime.start();
  return { runtime, events, rejected, stop: async (drainMs = 1000) => void (await runtime.stop(drainMs)) };
}
