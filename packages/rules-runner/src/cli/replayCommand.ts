import { existsSync } from 'node:fs';
import { type DispatchReport, describeError, sleep } from '@switchboard/core';
import { eventProblems, isUpState, type RuleExplanation, Runtime } from '@switchboard/core/host';
import type { RecordedAction } from '@switchboard/core/testing';
import { Daemon } from '../daemon/Daemon.js';
import { prepare } from '../daemon/prepare.js';
import { redactorFor } from '../logging/redactorFor.js';
import { maskSensitive } from '../logging/sensitiveKeys.js';
import { formatExplanation } from '../replay/formatExplanation.js';
import { readNdjson } from '../replay/readNdjson.js';
import { coreRecorders, instanceRecorders } from '../testing/replyingRecorders.js';
import { asPublished, toEventInputs } from '../testing/toEventInputs.js';
import { type CommandOutput, color, ExitCode, type Output, printProblems } from './output.js';
import { type StartOverrides, withOverrides } from './startOverrides.js';

export interface ReplayOptions {
  readonly config: string;
  readonly file: string;
  readonly dryRun: boolean;
  readonly color: boolean;
  /** ms to wait for adapters to connect before replaying (real mode). */
  readonly connectTimeoutMs: number;
  /** Print, for each event, every rule listening to it with its condition's values. */
  readonly explain?: boolean;
  /** Log settings for the daemon a real replay starts. */
  readonly overrides?: StartOverrides;
}

/**
 * `rules-runner replay file.ndjson`: feeds normalized or vendor events through the rules, carries the
 * actions out for real (adapters started) or, with `--dry-run`, only prints them.
 */
export async function replayCommand(options: ReplayOptions, output: CommandOutput): Promise<number> {
  if (!existsSync(options.file)) {
    output.err(`${options.file}:1:1 replay file not found [SWB_CONFIG_NOT_FOUND]`);
    return ExitCode.invalid;
  }
  const prepared = withOverrides(await prepare(options.config), options.overrides ?? {});
  const redactor = redactorFor(prepared, output.redactor);
  const ruleSet = prepared.rules?.ruleSet;
  if (prepared.errors.length > 0 || !ruleSet) {
    printProblems(output, prepared.errors, prepared.warnings);
    return ExitCode.invalid;
  }
  const c = color(options.color);
  let runtime: Runtime;
  let daemon: Daemon | undefined;
  if (options.dryRun) {
    const log: RecordedAction[] = [];
    runtime = new Runtime({
      instances: prepared.instances,
      rules: ruleSet,
      executorsFor: (instance) => instanceRecorders(instance, log, []),
      coreExecutors: coreRecorders(log, []),
    });
  } else {
    daemon = new Daemon(prepared, { logStream: process.stderr, operate: false, redactor, state: 'memory' });
    runtime = daemon.runtime;
    try {
      await daemon.start();
    } catch {
      return ExitCode.invalid; // the daemon logged why, and stopped what it had started
    }
    await waitConnected(runtime, options.connectTimeoutMs);
  }
  const explanations = new Map<string, RuleExplanation[]>();
  if (options.explain) {
    runtime.diagnostics.subscribe((d) => {
      if (d.kind === 'event')
        explanations.set(`${d.event.source}\u0000${d.event.id}`, d.rules.explain(d.data, d.data));
    });
  }
  let events = 0;
  let bad = 0;
  let failedActions = 0;
  for await (const entry of readNdjson(options.file)) {
    if ('error' in entry) {
      bad += 1;
      output.err(`${options.file}:${entry.line}:1 ${entry.error} [SWB_EVENT_INVALID]`);
      continue;
    }
    let converted: ReturnType<typeof toEventInputs>;
    try {
      converted = toEventInputs(entry.value, prepared.instances, `replay-${entry.line}`, new Date());
    } catch (error) {
      bad += 1;
      output.err(`${options.file}:${entry.line}:1 ${describeError(error)} [SWB_EVENT_INVALID]`);
      continue;
    }
    if (converted.length === 0)
      output.out(`line ${entry.line}: ${c.dim('no event: the adapter ignores this payload')}`);
    const invalid = converted.flatMap(({ event }) => eventProblems(asPublished(event)));
    if (invalid.length > 0) {
      bad += 1;
      const reasons = invalid.map((p) => p.message).join('; ');
      output.err(`${options.file}:${entry.line}:1 invalid event: ${reasons} [SWB_EVENT_INVALID]`);
      continue;
    }
    for (const { event, source } of converted) {
      const report = await runtime.publish(event, source);
      if (report.status === 'rejected') {
        bad += 1;
        output.err(`${options.file}:${entry.line}:1 ${report.error ?? 'rejected'} [SWB_EVENT_INVALID]`);
        continue;
      }
      events += 1;
      failedActions += report.outcomes.filter((o) => o.status === 'failed').length;
      printReport(output, entry.line, report, c, options.dryRun);
      const explained = report.event && explanations.get(`${report.event.source}\u0000${report.event.id}`);
      if (explained) for (const line of formatExplanation(explained, redactor)) output.out(line);
    }
  }
  if (daemon) await daemon.stop();
  const summary = `${events} event(s) replayed, ${bad} bad line(s), ${failedActions} failed action(s)${options.dryRun ? ' (dry run: nothing was carried out)' : ''}`;
  output.out(summary);
  return bad > 0 ? ExitCode.invalid : ExitCode.ok;
}

function printReport(
  output: Output,
  line: number,
  report: DispatchReport,
  c: ReturnType<typeof color>,
  dryRun: boolean,
): void {
  const e = report.event;
  const head = `line ${line}: ${e?.type ?? '?'}${e?.vendorEvent ? ` (${e.vendorEvent})` : ''} from ${e?.source ?? '?'}${e?.call ? ` call ${e.call.id}` : ''}`;
  if (report.status !== 'handled') {
    output.out(`${head} ${c.dim(`→ ${report.status}${report.error ? `: ${report.error}` : ''}`)}`);
    return;
  }
  if (report.matched.length === 0) {
    output.out(`${head} ${c.dim('→ no rule matched')}`);
    return;
  }
  output.out(`${head} → ${report.matched.join(', ')}`);
  for (const o of report.outcomes) {
    const status = o.status === 'ok' ? c.green(dryRun ? 'would run' : 'ok') : c.red(`failed: ${o.error}`);
    output.out(`    ${o.rule}: ${o.action} via ${o.instance} ${maskSensitive(o.params)} ${status}`);
  }
}

async function waitConnected(runtime: Runtime, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (runtime.instances().every((i) => isUpState(i.status.state))) return;
    await sleep(50);
  }
}
