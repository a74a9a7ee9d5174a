import { randomUUID } from 'node:crypto';
import {
  type ActionOutcome,
  createAjv,
  describeError,
  describeSchemaError,
  eventProblems,
  type InstanceConfig,
  type NormalizedEvent,
  type RuleExplanation,
  Runtime,
} from '@switchboard/core';
import type { RecordedAction } from '@switchboard/core/testing';
import type { Logger } from 'pino';
import { coreRecorders, instanceRecorders } from '../testing/replyingRecorders.js';
import { asPublished, toEventInputs } from '../testing/toEventInputs.js';

/** What the console sends: an event for an instance, run through the live rules. */
export interface TestEventRequest {
  readonly instance: string;
  /** A normalized event: `type`, `call`, `agent`, `vars`… (`source` is the instance). */
  readonly event?: Record<string, unknown>;
  /** Or the adapter's own payload, mapped by the adapter as if it had arrived. */
  readonly vendor?: unknown;
  /** Only show what would happen (actions recorded, not carried out). */
  readonly dryRun: boolean;
}

/** What one published event did: the rules that fired, the actions, and why each listening rule did (not). */
export interface TestEventResult {
  readonly status: string;
  readonly error?: string;
  readonly event?: NormalizedEvent;
  readonly matched: readonly string[];
  readonly outcomes: readonly ActionOutcome[];
  readonly rules: readonly RuleExplanation[];
}

export type TestEventAnswer =
  | { readonly ok: true; readonly dryRun: boolean; readonly results: TestEventResult[] }
  | { readonly ok: false; readonly problems: string[] };

const requestSchema = {
  type: 'object',
  required: ['instance', 'dryRun'],
  properties: {
    instance: { type: 'string', minLength: 1 },
    event: { type: 'object' },
    vendor: {},
    dryRun: { type: 'boolean' },
  },
  additionalProperties: false,
};
const validate = createAjv({ verbose: true }).compile(requestSchema);

/**
 * "Send a test event" from the console: the event goes through the rules running now. In a dry run a
 * throwaway runtime in record mode carries it (the call's vars as the live daemon holds them, actions
 * only recorded); for real it is published to the live runtime as if the instance had sent it.
 */
export async function sendTestEvent(
  body: unknown,
  live: Runtime,
  instances: readonly InstanceConfig[],
  logger: Logger,
): Promise<TestEventAnswer> {
  if (!validate(body))
    return { ok: false, problems: (validate.errors ?? []).map((e) => describeSchemaError(e, 'the request')) };
  const request = body as unknown as TestEventRequest;
  if ((request.event === undefined) === (request.vendor === undefined))
    return { ok: false, problems: ['give either `event` (a normalized event) or `vendor` (a payload)'] };
  let converted: ReturnType<typeof toEventInputs>;
  try {
    const item =
      request.vendor !== undefined
        ? { source: request.instance, vendor: request.vendor }
        : { ...request.event, source: request.instance };
    converted = toEventInputs(item, instances, `console-${randomUUID()}`, new Date());
  } catch (error) {
    return { ok: false, problems: [describeError(error)] };
  }
  if (converted.length === 0) return { ok: false, problems: ['the adapter finds no event in this payload'] };
  const problems = converted.flatMap(({ event }) => eventProblems(asPublished(event)).map((p) => p.message));
  if (problems.length > 0) return { ok: false, problems };

  const runtime = request.dryRun ? dryRuntime(live, instances, converted[0]?.event.call?.id) : live;
  const results: TestEventResult[] = [];
  for (const { event, source } of converted) {
    logger.info(
      { instance: source, type: event.type, dryRun: request.dryRun },
      `console: test event ${event.type} from ${source}${request.dryRun ? ' (dry run)' : ' (carried out for real)'}`,
    );
    const report = await runtime.publish(event, source);
    const data = report.event;
    results.push({
      status: report.status,
      ...(report.error ? { error: report.error } : {}),
      ...(data ? { event: data } : {}),
      matched: report.matched,
      outcomes: report.outcomes,
      rules: data && report.status === 'handled' ? runtime.rules.explain(data, data) : [],
    });
  }
  return { ok: true, dryRun: request.dryRun, results };
}

/** The live rules over recorders; the call's vars copied from the live daemon, so conditions see them. */
function dryRuntime(
  live: Runtime,
  instances: readonly InstanceConfig[],
  callId: string | undefined,
): Runtime {
  const log: RecordedAction[] = [];
  const dry = new Runtime({
    instances,
    rules: live.rules,
    executorsFor: (instance) => instanceRecorders(instance, log, []),
    coreExecutors: coreRecorders(log, []),
  });
  const vars = callId === undefined ? undefined : live.calls.get(callId);
  if (callId !== undefined && vars) dry.calls.set(callId, vars);
  return dry;
}
