import { type ActionOutcome, describeError, type JsonPath, type NormalizedEvent } from '@switchboard/core';
import {
  eventProblems,
  type InstanceConfig,
  ManualClock,
  type RuleExplanation,
  type RuleSet,
  Runtime,
} from '@switchboard/core/host';
import type { RecordedAction } from '@switchboard/core/testing';
import { actionMatches, type ExpectedAction, type SeenAction } from './matchActions.js';
import { type CannedReply, coreRecorders, instanceRecorders } from './replyingRecorders.js';
import { asPublished, type EventItem, toEventInputs } from './toEventInputs.js';

export interface RuleTest {
  readonly name: string;
  readonly given: readonly EventItem[];
  readonly replies?: readonly CannedReply[];
  readonly expect: readonly Record<string, unknown>[];
}

/** One event the test published, with what every rule listening to it made of it. */
export interface GivenEvent {
  /** Index in `given` (a vendor payload may map to several events). */
  readonly given: number;
  readonly event: NormalizedEvent;
  readonly rules: readonly RuleExplanation[];
}

export interface RuleTestResult {
  readonly passed: boolean;
  readonly expected: ExpectedAction[];
  readonly actual: SeenAction[];
  /** A problem with the test itself (bad event, unknown source). */
  readonly error?: string;
  /** Where in the test the problem is (`['given', 0, 'type']`), and whether it is the key there. */
  readonly errorAt?: { readonly path: JsonPath; readonly key: boolean };
  /** The events published, in order, with every listening rule's explanation. */
  readonly events: readonly GivenEvent[];
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

/** A given event the test cannot publish: the test fails with the reason, at the event. */
class GivenProblem extends Error {
  constructor(
    message: string,
    readonly at: JsonPath,
    readonly key = false,
  ) {
    super(message);
  }
}

/**
 * Runs one rule test: adapters replaced by recorders, the given events in order, actions compared. A
 * given event that is not a valid event fails the test with the reason: a typo there would otherwise
 * make an `expect: []` test pass for the wrong reason.
 */
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
  const events: GivenEvent[] = [];
  let current = 0;
  runtime.diagnostics.subscribe((d) => {
    if (d.kind === 'action' && d.outcome.action !== 'set') outcomes.push(d.outcome);
    if (d.kind === 'event')
      events.push({ given: current, event: d.event, rules: d.rules.explain(d.data, d.data) });
  });
  const expected = test.expect.map(toExpected);
  try {
    for (const [i, item] of test.given.entries()) {
      current = i;
      const converted = convert(item, i, instances, clock);
      for (const { event, source } of converted) {
        const report = await runtime.publish(event, source);
        if (report.status === 'rejected') throw new GivenProblem(report.error ?? 'rejected', ['given', i]);
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
      ...(error instanceof GivenProblem ? { errorAt: { path: error.at, key: error.key } } : {}),
      events,
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
  return { passed, expected, actual, events, durationMs: performance.now() - started };
}

/** A given item as events, each checked against the event schema (with the reason when it is not one). */
function convert(item: EventItem, index: number, instances: readonly InstanceConfig[], clock: ManualClock) {
  let converted: ReturnType<typeof toEventInputs>;
  try {
    converted = toEventInputs(item, instances, `test-event-${index + 1}`, new Date(clock.now()));
  } catch (error) {
    throw new GivenProblem(`given event ${index + 1}: ${describeError(error)}`, ['given', index]);
  }
  for (const { event } of converted) {
    const problems = eventProblems(asPublished(event));
    const first = problems[0];
    if (!first) continue;
    // For a vendor payload the paths are the mapped event's, not the test's: point at the item.
    const vendor = 'vendor' in item;
    throw new GivenProblem(
      `given event ${index + 1} is not a valid event: ${problems.map((p) => p.message).join('; ')}`,
      vendor ? ['given', index] : ['given', index, ...first.path],
      !vendor && first.atKey,
    );
  }
  return converted;
}
