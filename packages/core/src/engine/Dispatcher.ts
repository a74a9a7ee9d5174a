import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { ActionRegistry } from '../actions/ActionRegistry.js';
import type { CallContextStore } from '../calls/CallContextStore.js';
import type { ActionOutcome } from '../contract/ActionExecutor.js';
import type { StateFence } from '../contract/StateStore.js';
import { describeError, errorCodes, SwitchboardError } from '../errors/index.js';
import type { DeduplicationWindow } from '../events/DeduplicationWindow.js';
import { callEndingTypes, type EventInput, type NormalizedEvent } from '../events/NormalizedEvent.js';
import { assertValidEvent } from '../events/validateEvent.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import type { CompiledRule } from '../rules/CompiledRule.js';
import type { RuleSet } from '../rules/RuleSet.js';
import type { Clock } from '../runtime/Clock.js';
import { defaultMaxJsonDepth, valueTooDeep } from '../util/jsonDepth.js';
import type { ActionMarkers } from './ActionMarkers.js';
import { CallQueue } from './CallQueue.js';
import type { DeliveryPolicies } from './DeliveryPolicies.js';
import { type EventLedger, keyOf, type LedgerRecord } from './EventLedger.js';
import { PendingAnswer, type RequestOutcome } from './PendingAnswer.js';
import { type RunRuleDeps, runRule } from './runRule.js';

/**
 * `deferred`: accepted while the daemon stops; recorded in the ledger and run after the restart (or, for
 * what core raised itself during the stop, dropped).
 */
export type DispatchStatus = 'handled' | 'duplicate' | 'rejected' | 'deferred';

/** What `accept` did with one event. */
export type Acceptance =
  /** Recorded (durably, with a durable backend): `done` resolves once its actions settled. */
  | { readonly status: 'accepted'; readonly done: Promise<DispatchReport> }
  | { readonly status: 'duplicate'; readonly event?: NormalizedEvent }
  | { readonly status: 'rejected'; readonly error: string }
  /**
   * Held back by a warm standby (another node holds the vendor connection): run only if this node takes
   * over within the warm window. Acknowledge the vendor as for `accepted`: the holder records the event.
   */
  | { readonly status: 'held' };

/** A key of the accepting instance's own state, written in the same commit as the events it passes. */
export interface ResumeWrite {
  readonly key: string;
  readonly value: unknown;
}

export interface AcceptOptions {
  /** The vendor's resume point after these events (a sequence mark, a message id). */
  readonly resume?: ResumeWrite;
  /** Store the event to re-run it after a crash (default true; false for events that wait for an answer). */
  readonly replay?: boolean;
  /** Raised by core itself (`adapter.*`, `action.failed`): never journaled, dropped while stopping. */
  readonly internal?: boolean;
  /** Several nodes: the lease the accepting connection holds; the commit is refused if it was lost. */
  readonly fence?: StateFence;
  /**
   * The events were built by the accepting adapter's own mapping, which guarantees (and tests, over any
   * vendor input) that it only builds schema-valid events nested within `defaultMaxJsonDepth`: the schema
   * and depth checks are skipped. Opt-in, per call; every other event is checked.
   */
  readonly trusted?: boolean;
}

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
  /** The durable event ledger; without one, events are de-duplicated in memory only. */
  readonly ledger?: EventLedger;
  /** At-most-once markers of actions; without them every action is sent whenever it runs. */
  readonly markers?: ActionMarkers;
  readonly delivery?: DeliveryPolicies;
  /** Prefix of an adapter's own keys in its namespace (where resume points go). */
  readonly adapterKeyPrefix?: string;
  /** This node's id (several nodes on one shared state): `vars.node` of the `action.failed` events it raises. */
  readonly node?: string;
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
  /** Set by `beginDrain`: events are journaled, not run (with a ledger), and requests answered at once. */
  #draining = false;

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
  publish(input: EventInput, source: string, options: AcceptOptions = {}): Promise<DispatchReport> {
    return this.accept([input], source, options).then(([acceptance]) => reportOf(acceptance, input));
  }

  /**
   * Takes events from an instance: checks them, records the new ones as pending in the ledger together
   * with the instance's resume point (one atomic commit), and queues them on their calls. Resolves once
   * that commit is durable: acknowledge the vendor then. Rejects (`SWB_STATE_UNAVAILABLE`) when the
   * store cannot commit: nothing was recorded, the vendor should send the events again.
   */
  accept(inputs: readonly EventInput[], source: string, options: AcceptOptions = {}): Promise<Acceptance[]> {
    return this.#accept(inputs, source, options, undefined);
  }

  async #accept(
    inputs: readonly EventInput[],
    source: string,
    options: AcceptOptions,
    pending: PendingAnswer | undefined,
  ): Promise<Acceptance[]> {
    const { ledger } = this.#deps;
    const acceptances: Acceptance[] = [];
    const fresh: { event: NormalizedEvent; index: number; dedupeKey: string }[] = [];
    const trusted = options.trusted === true;
    for (const input of inputs) {
      const checked = this.#check(input, source, trusted);
      if ('error' in checked) {
        acceptances.push({ status: 'rejected', error: checked.error });
        continue;
      }
      const event = checked.event;
      const dedupeKey = `${event.source}\u0000${event.id}`;
      if (!this.#deps.dedupe.firstSeen(dedupeKey)) {
        acceptances.push(this.#duplicate(event));
        continue;
      }
      fresh.push({ event, index: acceptances.length, dedupeKey });
      acceptances.push({ status: 'duplicate' }); // replaced below
    }
    const journal = ledger !== undefined && !options.internal;
    const ops = journal
      ? fresh.map(({ event }) =>
          ledger.pendingOp(source, event, options.replay !== false, options.fence?.resource),
        )
      : [];
    if (options.resume && ledger) {
      const prefix = this.#deps.adapterKeyPrefix ?? '';
      ops.push({ op: 'set', key: `${prefix}${options.resume.key}`, value: options.resume.value });
    }
    let applied: readonly boolean[] | undefined;
    if (ops.length > 0 && ledger) {
      try {
        ({ applied } = await ledger
          .store(source)
          .batch(ops, options.fence ? { fence: options.fence } : undefined));
      } catch (error) {
        for (const { dedupeKey } of fresh) this.#deps.dedupe.forget(dedupeKey);
        throw new SwitchboardError(
          'SWB_STATE_UNAVAILABLE',
          `${fresh.length} event(s) from \`${source}\` could not be recorded: ${describeError(error)}`,
          { cause: error },
        );
      }
    }
    fresh.forEach(({ event, index }, i) => {
      if (journal && applied?.[i] === false) {
        acceptances[index] = this.#duplicate(event);
        return;
      }
      const key = journal ? keyOf(source, event) : undefined;
      acceptances[index] = { status: 'accepted', done: this.#schedule(event, source, key, pending) };
    });
    return acceptances;
  }

  /**
   * Queues an event of an earlier run that the ledger still holds as pending (start-up reconciliation):
   * it runs as if it had just arrived, ahead of anything the adapters send once they start.
   */
  recover(
    event: NormalizedEvent,
    source: string,
    key: string,
    record: LedgerRecord,
  ): Promise<DispatchReport> {
    const { ledger } = this.#deps;
    this.#deps.dedupe.firstSeen(`${event.source}\u0000${event.id}`);
    const claimed = ledger ? ledger.claim(source, key, record) : Promise.resolve();
    return this.#track(
      this.#queue.run(event.call?.id, async () => {
        await claimed;
        return this.#run(event, source, key, undefined, true);
      }),
    );
  }

  /** Handles an event that waits for an answer from an answering action (first wins), within a deadline. */
  request<T>(input: EventInput, source: string, timeoutMs: number): Promise<RequestOutcome<T>> {
    if (this.#draining) return Promise.resolve({ answered: false, reason: 'stopping' });
    const pending = new PendingAnswer<T>(timeoutMs);
    void pending.promise.then((outcome) => {
      if (!outcome.answered && outcome.reason === 'timeout') {
        this.#deps.logger.warn(
          { source, eventId: input.id, type: input.type, timeoutMs, code: 'SWB_REQUEST_TIMEOUT' },
          `no answer to ${input.type} from ${source} within ${timeoutMs} ms [SWB_REQUEST_TIMEOUT]`,
        );
      }
    });
    this.#accept([input], source, { replay: false }, pending as PendingAnswer)
      .then(([acceptance]) => reportOf(acceptance, input))
      .then(
        (report) => {
          if (report.status === 'handled') pending.settle({ answered: false, reason: 'no-match' });
          else if (report.status === 'deferred') pending.settle({ answered: false, reason: 'stopping' });
          else pending.settle({ answered: false, reason: report.status });
        },
        (error: unknown) => {
          this.#deps.logger.error(
            { source, eventId: input.id, type: input.type, err: describeError(error) },
            'an event waiting for an answer could not be recorded',
          );
          pending.settle({ answered: false, reason: 'rejected' });
        },
      );
    return pending.promise;
  }

  /** Counts and logs input an adapter could not turn into an event. */
  reject(source: string, reason: string, detail?: Record<string, unknown>): void {
    this.#deps.metrics.rejected.inc({ source, reason });
    this.#deps.diagnostics.emit({ kind: 'rejected', source, reason, ...(detail ? { detail } : {}) });
    this.#deps.logger.warn({ ...detail, source, reason }, 'input rejected');
  }

  /**
   * The first step of a stop: from now on, events are recorded in the ledger (acknowledged) but not run,
   * so they run after the restart; events that wait for an answer get `stopping` at once. Without a ledger
   * events still run (there is nowhere to keep them).
   */
  beginDrain(): void {
    this.#draining = true;
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
    // Aborted events settle at once (their actions see the signal); they stay pending in the ledger.
    await Promise.race([Promise.allSettled([...this.#inFlight]), delay(1000)]);
    return left;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inFlight.add(promise);
    const settled = (): void => void this.#inFlight.delete(promise);
    void promise.then(settled, settled);
    return promise;
  }

  /**
   * The event with source, time and vars filled in, or why it is refused (counted and logged). `trusted`:
   * built by the adapter's own mapping (`AcceptOptions.trusted`), not checked again.
   */
  #check(input: EventInput, source: string, trusted = false): { event: NormalizedEvent } | { error: string } {
    const event: NormalizedEvent = {
      ...input,
      source: input.source ?? source,
      time: input.time ?? new Date(this.#deps.clock.now()).toISOString(),
      vars: input.vars ?? {},
    };
    if (trusted) return { event };
    // Checked before anything walks the event: what nests deeper cannot be rendered, validated or shown
    // later (templates, the console), so it is never stored.
    const deep = tooDeepPart(event);
    if (deep !== undefined) {
      const message = `the event's \`${deep}\` nests deeper than ${defaultMaxJsonDepth} levels`;
      this.reject(event.source, 'too-deep', { error: message, id: event.id, type: event.type });
      return { error: message };
    }
    if (this.#deps.validateEvents !== false) {
      try {
        assertValidEvent(event);
      } catch (error) {
        const message = describeError(error);
        this.reject(event.source, 'invalid-event', { error: message, id: event.id, type: event.type });
        return { error: message };
      }
    }
    return { event };
  }

  #duplicate(event: NormalizedEvent): Acceptance {
    this.#deps.metrics.duplicates.inc({ source: event.source });
    this.#deps.diagnostics.emit({ kind: 'duplicate', event });
    return { status: 'duplicate', event };
  }

  /**
   * Queues an accepted event on its call (in accept order). While stopping with a ledger it is only
   * recorded: it runs after the restart. An event that waits for an answer is latency-bound: it does not
   * queue behind the slow actions of its call's earlier events (it still sees the vars they wrote so far).
   */
  #schedule(
    event: NormalizedEvent,
    source: string,
    key: string | undefined,
    pending: PendingAnswer | undefined,
  ): Promise<DispatchReport> {
    if (this.#draining && this.#deps.ledger) {
      return Promise.resolve({ status: 'deferred', event, matched: [], outcomes: [] });
    }
    return this.#track(
      this.#queue.run(pending ? undefined : event.call?.id, () =>
        this.#run(event, source, key, pending, false),
      ),
    );
  }

  /** Runs an event, then marks it done in the ledger, unless the stop cut its actions off. */
  async #run(
    event: NormalizedEvent,
    source: string,
    key: string | undefined,
    pending: PendingAnswer | undefined,
    recovered: boolean,
  ): Promise<DispatchReport> {
    const report = await this.#handle(event, pending, recovered);
    const { ledger } = this.#deps;
    if (ledger && key !== undefined && !this.#shutdown.signal.aborted) {
      // Not awaited: it commits after the event's own writes (vars, markers), and a stop flushes it.
      void ledger.done(source, key).catch((error: unknown) => {
        // Stays pending: a restart runs it again, and the markers keep its pops from repeating.
        this.#deps.logger.warn(
          { source, eventId: event.id, err: describeError(error) },
          'an event could not be marked done in the ledger',
        );
      });
    }
    return report;
  }

  async #handle(
    event: NormalizedEvent,
    pending: PendingAnswer | undefined,
    recovered: boolean,
  ): Promise<DispatchReport> {
    const { metrics, diagnostics, calls } = this.#deps;
    const callId = event.call?.id;
    const loading = callId === undefined ? undefined : calls.load(callId);
    if (loading) await loading;
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
    let outcomes: readonly ActionOutcome[] = [];
    if (matched.length > 0) {
      // One set of dependencies per event (shared by every event that neither waits for an answer nor
      // is re-run), not one per matched rule; and no Promise.all for the usual single match.
      const deps = pending === undefined && !recovered ? this.#runDeps : this.#runDepsFor(pending, recovered);
      if (matched.length === 1) {
        outcomes = await this.#runOneRule(matched[0] as CompiledRule, data, event, deps);
      } else {
        const results = await Promise.all(matched.map((rule) => this.#runOneRule(rule, data, event, deps)));
        outcomes = results.flat();
      }
    }
    if (callId !== undefined && callEndingTypes.has(event.type)) calls.end(callId);
    return { status: 'handled', event: data, matched: names, outcomes };
  }

  /** A matched rule's actions; a rule that throws is logged and reported, and never stops the others. */
  async #runOneRule(
    rule: CompiledRule,
    data: NormalizedEvent,
    event: NormalizedEvent,
    deps: RunRuleDeps,
  ): Promise<ActionOutcome[]> {
    try {
      return await runRule(rule, data, deps);
    } catch (error) {
      const message = describeError(error);
      this.#deps.diagnostics.emit({ kind: 'rule-error', event, rule: rule.name, error: message });
      this.#deps.logger.error({ rule: rule.name, eventId: event.id, err: message }, 'rule failed');
      return [];
    } finally {
      deps.pending?.ruleFinished(rule.name);
    }
  }

  #runDepsFor(pending: PendingAnswer | undefined, recovered: boolean): RunRuleDeps {
    const base = this.#deps;
    return {
      ...base,
      pending,
      recovered,
      signal: this.#shutdown.signal,
      errorCodes: base.errorCodes ?? coreCodes,
      raise: this.#raise,
    };
  }

  readonly #raise = (failed: EventInput & { source: string }): void =>
    void this.publish(failed, failed.source, { internal: true });

  /** The dependencies of runs that neither wait for an answer nor re-run; `errorCodes` read at each use. */
  get #runDeps(): RunRuleDeps {
    this.#sharedRunDeps ??= this.#makeSharedRunDeps();
    return this.#sharedRunDeps;
  }

  #sharedRunDeps: RunRuleDeps | undefined;

  #makeSharedRunDeps(): RunRuleDeps {
    const base = this.#deps;
    const deps: RunRuleDeps = {
      ...base,
      pending: undefined,
      recovered: false,
      signal: this.#shutdown.signal,
      errorCodes: coreCodes,
      raise: this.#raise,
    };
    // The loaded catalogs' codes can grow after construction (the runtime passes a getter).
    Object.defineProperty(deps, 'errorCodes', { get: () => base.errorCodes ?? coreCodes, enumerable: true });
    return deps;
  }
}

/** The report of one accepted, duplicate or rejected event. */
function reportOf(acceptance: Acceptance | undefined, input: EventInput): Promise<DispatchReport> {
  if (acceptance?.status === 'accepted') return acceptance.done;
  if (acceptance?.status === 'rejected') {
    return Promise.resolve({ status: 'rejected', matched: [], outcomes: [], error: acceptance.error });
  }
  const event =
    (acceptance?.status === 'duplicate' ? acceptance.event : undefined) ?? (input as NormalizedEvent);
  return Promise.resolve({ status: 'duplicate', event, matched: [], outcomes: [] });
}

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });

/** The free-form part of an event (`vars`, `raw`) that nests deeper than core handles, if any. */
function tooDeepPart(event: NormalizedEvent): 'vars' | 'raw' | undefined {
  if (valueTooDeep(event.vars, defaultMaxJsonDepth)) return 'vars';
  if (valueTooDeep(event.raw, defaultMaxJsonDepth)) return 'raw';
  return undefined;
}
