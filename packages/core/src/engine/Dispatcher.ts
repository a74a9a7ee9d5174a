import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { ActionRegistry } from '../actions/ActionRegistry.js';
import type { CallContextStore } from '../calls/CallContextStore.js';
import type { ActionOutcome } from '../contract/ActionExecutor.js';
import { describeError, errorCodes } from '../errors/index.js';
import type { DeduplicationWindow } from '../events/DeduplicationWindow.js';
import { callEndingTypes, type EventInput, type NormalizedEvent } from '../events/NormalizedEvent.js';
import { assertValidEvent } from '../events/validateEvent.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import type { RuleSet } from '../rules/RuleSet.js';
import type { Clock } from '../runtime/Clock.js';
import { defaultMaxJsonDepth, valueTooDeep } from '../util/jsonDepth.js';
import { CallQueue } from './CallQueue.js';
import { PendingAnswer, type RequestOutcome } from './PendingAnswer.js';
import { runRule } from './runRule.js';

export type DispatchStatus = 'handled' | 'duplicate' | 'rejected';

/** What one event did: which rules matched and what their actions did. */
export interface DispatchReport {
  readonly status: DispatchStatus;
  readonly event?: NormalizedEvent;
  readonly matched: readonly string[];
  readonly outcomes: readonly ActionOutcome[];
  readonly error?: string;
}

export interface DispatcherDeps {
  readonly registry: ActionRegistry;
  readonly calls: CallContextStore;
  readonly dedupe: DeduplicationWindow;
  readonly diagnostics: Diagnostics;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Validate every event against the normalized schema (on by default). */
  readonly validateEvents?: boolean;
  /** Codes failures keep (core's and the loaded adapters' catalogs); default core's. */
  readonly errorCodes?: ReadonlySet<string>;
}

const coreCodes: ReadonlySet<string> = new Set(Object.keys(errorCodes));

/**
 * The heart of the runtime: an event comes in, is checked and de-duplicated, joins its call's
 * context, meets the rules, and the matched rules' actions are carried out. One broken rule or action
 * never stops the others; a failed action raises `action.failed`.
 */
export class Dispatcher {
  #rules: RuleSet;
  readonly #deps: DispatcherDeps;
  readonly #queue = new CallQueue();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #shutdown = new AbortController();

  constructor(rules: RuleSet, deps: DispatcherDeps) {
    this.#rules = rules;
    this.#deps = deps;
    // Every running action listens to the shutdown signal; thousands may run at once.
    setMaxListeners(0, this.#shutdown.signal);
  }

  get rules(): RuleSet {
    return this.#rules;
  }

  /** Swaps the rule set at once: each event sees either the old or the new set, never a mix. */
  setRules(rules: RuleSet): void {
    this.#rules = rules;
  }

  /** Handles an event; resolves when all its actions finished. */
  publish(input: EventInput, source: string): Promise<DispatchReport> {
    return this.#track(this.#dispatch(input, source, undefined));
  }

  /** Handles an event that waits for an answer from an answering action (first wins), within a deadline. */
  request<T>(input: EventInput, source: string, timeoutMs: number): Promise<RequestOutcome<T>> {
    const pending = new PendingAnswer<T>(timeoutMs);
    void pending.promise.then((outcome) => {
      if (!outcome.answered && outcome.reason === 'timeout') {
        this.#deps.logger.warn(
          { source, eventId: input.id, type: input.type, timeoutMs, code: 'SWB_REQUEST_TIMEOUT' },
          `no answer to ${input.type} from ${source} within ${timeoutMs} ms [SWB_REQUEST_TIMEOUT]`,
        );
      }
    });
    void this.#track(
      this.#dispatch(input, source, pending as PendingAnswer).then((report) => {
        if (report.status === 'handled') pending.settle({ answered: false, reason: 'no-match' });
        else pending.settle({ answered: false, reason: report.status });
        return report;
      }),
    );
    return pending.promise;
  }

  /** Counts and logs input an adapter could not turn into an event. */
  reject(source: string, reason: string, detail?: Record<string, unknown>): void {
    this.#deps.metrics.rejected.inc({ source, reason });
    this.#deps.diagnostics.emit({ kind: 'rejected', source, reason, ...(detail ? { detail } : {}) });
    this.#deps.logger.warn({ ...detail, source, reason }, 'input rejected');
  }

  /** Waits for in-flight events up to `timeoutMs`; then aborts what is left. Returns how many were left. */
  async drain(timeoutMs: number): Promise<number> {
    const pending = [...this.#inFlight];
    if (pending.length === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([Promise.allSettled(pending).then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (result === 'done') return 0;
    const left = this.#inFlight.size;
    this.#shutdown.abort(new Error('daemon shutting down'));
    return left;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inFlight.add(promise);
    void promise.finally(() => this.#inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  async #dispatch(
    input: EventInput,
    source: string,
    pending: PendingAnswer | undefined,
  ): Promise<DispatchReport> {
    const { metrics, diagnostics, dedupe } = this.#deps;
    const event: NormalizedEvent = {
      ...input,
      source: input.source ?? source,
      time: input.time ?? new Date(this.#deps.clock.now()).toISOString(),
      vars: input.vars ?? {},
    };
    // Checked before anything walks the event: what nests deeper cannot be rendered, validated or shown
    // later (templates, the console), so it is never stored.
    const deep = tooDeepPart(event);
    if (deep !== undefined) {
      const message = `the event's \`${deep}\` nests deeper than ${defaultMaxJsonDepth} levels`;
      this.reject(event.source, 'too-deep', { error: message, id: event.id, type: event.type });
      return { status: 'rejected', matched: [], outcomes: [], error: message };
    }
    if (this.#deps.validateEvents !== false) {
      try {
        assertValidEvent(event);
      } catch (error) {
        const message = describeError(error);
        this.reject(event.source, 'invalid-event', { error: message, id: event.id, type: event.type });
        return { status: 'rejected', matched: [], outcomes: [], error: message };
      }
    }
    if (!dedupe.firstSeen(`${event.source}\u0000${event.id}`)) {
      metrics.duplicates.inc({ source: event.source });
      diagnostics.emit({ kind: 'duplicate', event });
      return { status: 'duplicate', event, matched: [], outcomes: [] };
    }
    // An event that waits for an answer is latency-bound: it does not queue behind the slow actions of its
    // call's earlier events (it still sees the vars they have written so far).
    return this.#queue.run(pending ? undefined : event.call?.id, () => this.#handle(event, pending));
  }

  async #handle(event: NormalizedEvent, pending: PendingAnswer | undefined): Promise<DispatchReport> {
    const { metrics, diagnostics, calls } = this.#deps;
    const callId = event.call?.id;
    const vars = callId === undefined ? event.vars : calls.enter(callId, event.vars);
    const data: NormalizedEvent = { ...event, vars };
    metrics.countEvent(event.source, event.type);
    const rules = this.#rules;
    if (diagnostics.wants('event')) {
      diagnostics.emit({ kind: 'event', event, data: { ...data, vars: { ...vars } }, rules });
    }
    let matched: ReturnType<RuleSet['match']>;
    try {
      matched = rules.match(event, data);
    } catch (error) {
      this.#deps.logger.error({ err: describeError(error), eventId: event.id }, 'rule matching failed');
      matched = [];
    }
    const names = matched.map((r) => r.name);
    if (matched.length > 0) {
      for (const name of names) metrics.countMatch(name);
      if (diagnostics.wants('matched')) diagnostics.emit({ kind: 'matched', event, rules: names });
    }
    pending?.expect(matched.filter((r) => r.actions.some((a) => a.answers)).map((r) => r.name));
    const results = await Promise.all(
      matched.map((rule) =>
        runRule(rule, data, {
          ...this.#deps,
          pending,
          signal: this.#shutdown.signal,
          errorCodes: this.#deps.errorCodes ?? coreCodes,
          raise: (failed) => void this.publish(failed, failed.source),
        })
          .catch((error: unknown) => {
            const message = describeError(error);
            diagnostics.emit({ kind: 'rule-error', event, rule: rule.name, error: message });
            this.#deps.logger.error({ rule: rule.name, eventId: event.id, err: message }, 'rule failed');
            return [] as ActionOutcome[];
          })
          .finally(() => pending?.ruleFinished(rule.name)),
      ),
    );
    if (callId !== undefined && callEndingTypes.has(event.type)) calls.end(callId);
    return { status: 'handled', event: data, matched: names, outcomes: results.flat() };
  }
}

/** The free-form part of an event (`vars`, `raw`) that nests deeper than core handles, if any. */
function tooDeepPart(event: NormalizedEvent): 'vars' | 'raw' | undefined {
  if (valueTooDeep(event.vars, defaultMaxJsonDepth)) return 'vars';
  if (valueTooDeep(event.raw, defaultMaxJsonDepth)) return 'raw';
  return undefined;
}
