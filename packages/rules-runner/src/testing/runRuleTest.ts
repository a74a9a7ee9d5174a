import { type ActionOutcome, describeError } from '@switchboard/core';
import { type InstanceConfig, ManualClock, type RuleSet, Runtime } from '@switchboard/core/host';
import type { RecordedAction } from '@switchboard/core/testing';
import { actionMatches, type ExpectedAction, type SeenAction } from './matchActions.js';
import { type CannedReply, coreRecorders, instanceRecorders } from './replyingRecorders.js';
import { type EventItem, toEventInputs } from './toEventInputs.js';

export interface RuleTest {
  readonly name: string;
  readonly given: readonly EventItem[];
  readonly replies?: readonly CannedReply[];
  readonly expect: readonly Record<string, unknown>[];
}

export interface RuleTestResult {
  readonly passed: boolean;
  readonly expected: ExpectedAction[];
  readonly actual: SeenAction[];
  /** A problem with the test itself (bad event, unknown source). */
  readonly error?: string;
  readonly durationMs: number;
}

const modifiers = new Set(['via', 'fails']);

export function toExpected(item: Record<string, unknown>): ExpectedAction {
  const action = Object.keys(item).find((k) => !modifiers.has(k)) ?? '(none)';
  return {
    action,
    params: item[action] ?? {},
    ...(typeof item.via === 'string' ? { via: item.via } : {}),
    ...(typeof item.fails === 'boolean' ? { fails: item.fails } : {}),
  };
}

/** Runs one rule test: adapters replaced by recorders, the given events in order, actions compared. */
export async function runRuleTest(
  test: RuleTest,
  rules: RuleSet,
  instances: readonly InstanceConfig[],
): Promise<RuleTestResult> {
  const started = performance.now();
  const log: RecordedAction[] = [];
  const replies = test.replies ?? [];
  const clock = new ManualClock();
  const runtime = new Runtime({
    instances,
    rules,
    clock,
    executorsFor: (instance) => instanceRecorders(instance, log, replies),
    coreExecutors: coreRecorders(log, replies),
  });
  const outcomes: ActionOutcome[] = [];
  runtime.diagnostics.subscribe((d) => {
    if (d.kind === 'action' && d.outcome.action !== 'set') outcomes.push(d.outcome);
  });
  const expected = test.expect.map(toExpected);
  try {
    for (const [i, item] of test.given.entries()) {
      const converted = toEventInputs(item, instances, `test-event-${i + 1}`, new Date(clock.now()));
      for (const { event, source } of converted) {
        await runtime.publish(event, source);
        await runtime.drain(5000);
        clock.advance(1000);
      }
    }
  } catch (error) {
    return {
      passed: false,
      expected,
      actual: [],
      error: describeError(error),
      durationMs: performance.now() - started,
    };
  }
  const actual: SeenAction[] = outcomes.map((o) => ({
    action: o.action,
    via: o.instance,
    params: o.params,
    ...(o.status === 'failed' ? { failed: o.error ?? 'failed' } : {}),
  }));
  const passed =
    actual.length === expected.length && expected.every((e, i) => actionMatches(actual[i] as SeenAction, e));
  return { passed, expected, actual, durationMs: performance.now() - started };
}
