import {
  checkOptions,
  compileRuleSources,
  type Diagnostic,
  type InstanceConfig,
  RuleCatalog,
  Runtime,
} from '@switchboard/core';
import type { StateBackend } from '@switchboard/core/host';
import webhookAdapter from '../../src/index.js';

export interface RunningWebhooks {
  readonly runtime: Runtime;
  /** `http://127.0.0.1:<port>/adapters/<instance>/events`. */
  url(instance: string): string;
  /** Every diagnostic so far: events, rejections, duplicates, action outcomes. */
  readonly diagnostics: Diagnostic[];
  stop(): Promise<void>;
}

/**
 * Core's real runtime with webhook instances on an ephemeral port and the given rules, in this process:
 * the same code path the daemon runs, without a child process, for the HTTP edge cases. `state`: where
 * it keeps its state (default: core's memory backend, which keeps no event ledger).
 */
export async function startRuntime(
  instances: Record<string, unknown>,
  rules = 'rules: []',
  state?: StateBackend,
): Promise<RunningWebhooks> {
  const configs: InstanceConfig[] = Object.entries(instances).map(([name, options]) => {
    const check = checkOptions(webhookAdapter, options);
    if (!check.ok) throw new Error(`bad options for ${name}: ${JSON.stringify(check.errors)}`);
    return { name, manifest: webhookAdapter, options: check.options };
  });
  const catalog = new RuleCatalog(configs.map((c) => ({ name: c.name, manifest: c.manifest })));
  const loaded = compileRuleSources([{ file: 'inline.yaml', text: rules }], { catalog });
  if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const runtime = new Runtime({
    instances: configs,
    rules: loaded.ruleSet,
    server: { host: '127.0.0.1', port: 0 },
    ...(state ? { state } : {}),
  });
  const diagnostics: Diagnostic[] = [];
  runtime.diagnostics.subscribe((d) => {
    diagnostics.push(d);
  });
  await runtime.start();
  const address = runtime.http.address;
  if (!address) throw new Error('the HTTP surface is not listening');
  return {
    runtime,
    url: (instance) => `${address}/adapters/${encodeURIComponent(instance)}/events`,
    diagnostics,
    stop: async () => {
      await runtime.stop(1000);
    },
  };
}
