import type { Logger } from 'pino';
import type { ActionRegistry } from '../actions/ActionRegistry.js';
import { actionIdempotencyKey } from '../actions/actionIdempotencyKey.js';
import type { CallContextStore } from '../calls/CallContextStore.js';
import type { ActionContext, ActionOutcome, ActionRequest } from '../contract/ActionExecutor.js';
import { codeOf, describeError, SwitchboardError } from '../errors/index.js';
import type { EventInput, NormalizedEvent, Vars } from '../events/NormalizedEvent.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import type { CompiledAction, CompiledRule } from '../rules/CompiledRule.js';
import type { Clock } from '../runtime/Clock.js';
import { describeAjvErrors } from '../schemas/describeAjvErrors.js';
import { defaultMaxJsonDepth, valueTooDeep } from '../util/jsonDepth.js';
import type { ActionMarkers, MarkerRef } from './ActionMarkers.js';
import type { DeliveryPolicies } from './DeliveryPolicies.js';
import type { PendingAnswer } from './PendingAnswer.js';

export interface RunRuleDeps {
  readonly registry: ActionRegistry;
  readonly calls: CallContextStore;
  readonly diagnostics: Diagnostics;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly pending: PendingAnswer | undefined;
  /** Aborted at shutdown, after the drain deadline. */
  readonly signal: AbortSignal;
  /** Publishes an `action.failed` event. */
  readonly raise: (event: EventInput & { source: string }) => void;
  /** Codes of the loaded catalogs (core's and the adapters'): a failure keeps its code when it is one. */
  readonly errorCodes: ReadonlySet<string>;
  /** At-most-once markers; without them (or without `delivery`) every action is sent when it runs. */
  readonly markers?: ActionMarkers;
  readonly delivery?: DeliveryPolicies;
  /** The event is re-run after a restart. */
  readonly recovered?: boolean;
  /** This node's id, carried by `action.failed` as `vars.node`. */
  readonly node?: string;
}

/**
 * Carries out a matched rule's actions in order. Each action sees the vars written by the ones before
 * it (`set`, `save:`). A failure stops the rule unless the action says `onError: continue`.
 */
export async function runRule(
  rule: CompiledRule,
  event: NormalizedEvent,
  deps: RunRuleDeps,
): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  // Each rule works on its own copy of the vars, so rules matched by the same event do not see each other's writes.
  const scope: NormalizedEvent = { ...event, vars: { ...event.vars } };
  const callId = event.call?.id;
  const setVars = (values: Vars): void => {
    // Vars are rendered and shown later: what nests too deep for that is never kept (the action fails).
    if (valueTooDeep(values, defaultMaxJsonDepth)) {
      throw new SwitchboardError(
        'SWB_ACTION_FAILED',
        `the values to keep in the call's vars nest deeper than ${defaultMaxJsonDepth} levels`,
      );
    }
    for (const key of Object.keys(values)) if (key !== '__proto__') scope.vars[key] = values[key];
    if (callId !== undefined) deps.calls.set(callId, values);
  };
  for (const action of rule.actions) {
    const outcome = await runAction(rule, action, scope, deps, setVars);
    outcomes.push(outcome);
    if (outcome.status === 'failed') {
      // A failure the stop caused is not news: the event stays pending and runs again after the restart.
      if (event.type !== 'action.failed' && !deps.signal.aborted)
        deps.raise(failedEvent(event, outcome, deps.node));
      if (action.onError === 'stop') break;
    }
  }
  return outcomes;
}

async function runAction(
  rule: CompiledRule,
  action: CompiledAction,
  scope: NormalizedEvent,
  deps: RunRuleDeps,
  setVars: (values: Vars) => void,
): Promise<ActionOutcome> {
  const instance = action.via ?? scope.source;
  const started = performance.now();
  let params: Record<string, unknown> = {};
  const signal = new LazySignal(deps.signal);
  let timer: NodeJS.Timeout | undefined;
  let marker: MarkerRef | undefined;
  try {
    const variant = action.byInstance.get(instance) ?? action;
    params = variant.params.render(scope) as Record<string, unknown>;
    if (variant.validate && !variant.validate(params)) {
      throw new SwitchboardError(
        'SWB_RULE_BAD_PARAMS',
        `rendered params: ${describeAjvErrors(variant.validate.errors)}`,
      );
    }
    const executor = deps.registry.resolve(instance, action.name);
    const policy = deps.delivery?.of(instance, action.name);
    let idempotencyKey: string | undefined;
    if (deps.markers && policy && (policy.mode === 'once' || policy.mode === 'once-keyed')) {
      // Per event, markers only matter across a restart: without a durable store the ledger's de-dup is enough.
      if (policy.per === 'call' || deps.markers.durable) {
        const ref = deps.markers.ref(policy, scope, rule.name, action.index, params);
        const decision = await deps.markers.begin(ref, policy.mode);
        if (decision.kind === 'skip') {
          deps.metrics.countActionSkipped(action.name, instance, decision.reason);
          return report(deps, rule, action, scope, instance, params, started, {
            status: 'ok',
            result: { skipped: decision.reason },
          });
        }
        if (decision.kind === 'unconfirmed') {
          throw new SwitchboardError(
            'SWB_ACTION_UNCONFIRMED',
            `\`${action.name}\` was started before a restart and never confirmed; it is not sent again (it may or may not have arrived)`,
          );
        }
        marker = ref;
        idempotencyKey = ref.idempotencyKey;
      }
    }
    const context: ActionContext = {
      get signal() {
        return signal.get();
      },
      answer: (value) => deps.pending?.answer(value, rule.name) ?? false,
      setVars,
    };
    const request: ActionRequest = {
      action: action.name,
      instance,
      params,
      rule: rule.name,
      event: scope,
      get idempotencyKey() {
        return idempotencyKey ?? actionIdempotencyKey(scope.source, scope.id, rule.name, action.index);
      },
      ...(deps.recovered ? { recovered: true } : {}),
    };
    let result = executor.execute(request, context);
    if (isThenable(result)) {
      // Only asynchronous actions need a timeout; synchronous ones are already done.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new SwitchboardError(
            'SWB_ACTION_TIMEOUT',
            `\`${action.name}\` took longer than ${action.timeoutMs} ms`,
          );
          signal.abort(error);
          reject(error);
        }, action.timeoutMs);
      });
      result = await Promise.race([result, timeout]);
    }
    if (marker) {
      // Not awaited: commits keep their order, so it lands before the event is marked done. A marker that
      // cannot say so stays `started`, and a restart reports the action unconfirmed.
      void deps.markers?.settle(marker, 'done').catch((error: unknown) => {
        deps.logger.warn(
          { rule: rule.name, action: action.name, eventId: scope.id, err: describeError(error) },
          'an action could not be marked done',
        );
      });
    }
    if (action.save !== undefined) setVars({ [action.save]: result });
    return report(deps, rule, action, scope, instance, params, started, { status: 'ok', result });
  } catch (error) {
    // Cut off by the stop, it may or may not have happened: the marker stays `started` for the policy.
    if (marker && !deps.signal.aborted) await deps.markers?.settle(marker, 'failed').catch(() => undefined);
    const code = codeOf(error, deps.errorCodes);
    return report(deps, rule, action, scope, instance, params, started, {
      status: 'failed',
      error: describeError(error),
      errorCode: code,
    });
  } finally {
    clearTimeout(timer);
    signal.release();
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * An action's abort signal, created only when the executor asks for it (most never do), aborted on
 * timeout or when the daemon's shutdown signal fires.
 */
class LazySignal {
  #controller: AbortController | undefined;
  #reason: unknown;
  readonly #shutdown: AbortSignal;
  readonly #onShutdown = (): void => this.abort(this.#shutdown.reason);

  constructor(shutdown: AbortSignal) {
    this.#shutdown = shutdown;
  }

  get(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason !== undefined) this.#controller.abort(this.#reason);
      else if (this.#shutdown.aborted) this.#controller.abort(this.#shutdown.reason);
      else this.#shutdown.addEventListener('abort', this.#onShutdown, { once: true });
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    this.#reason = reason;
    this.#controller?.abort(reason);
  }

  release(): void {
    if (this.#controller) this.#shutdown.removeEventListener('abort', this.#onShutdown);
  }
}

function report(
  deps: RunRuleDeps,
  rule: CompiledRule,
  action: CompiledAction,
  event: NormalizedEvent,
  instance: string,
  params: Record<string, unknown>,
  started: number,
  result: Pick<ActionOutcome, 'status' | 'result' | 'error' | 'errorCode'>,
): ActionOutcome {
  const durationMs = performance.now() - started;
  const outcome: ActionOutcome = {
    eventId: event.id,
    source: event.source,
    ...(event.call?.id !== undefined ? { callId: event.call.id } : {}),
    rule: rule.name,
    index: action.index,
    action: action.name,
    instance,
    params,
    durationMs,
    ...result,
  };
  deps.metrics.countAction(action.name, instance, result.status, durationMs / 1000);
  if (result.errorCode !== undefined) deps.metrics.countActionError(action.name, instance, result.errorCode);
  if (deps.diagnostics.wants('action')) deps.diagnostics.emit({ kind: 'action', outcome });
  return outcome;
}

function failedEvent(
  event: NormalizedEvent,
  outcome: ActionOutcome,
  node: string | undefined,
): EventInput & { source: string } {
  return {
    id: `${event.id}:failed:${outcome.rule}:${outcome.index}`,
    type: 'action.failed',
    source: event.source,
    ...(event.call ? { call: event.call } : {}),
    ...(event.agent ? { agent: event.agent } : {}),
    vars: {
      failure: {
        rule: outcome.rule,
        action: outcome.action,
        instance: outcome.instance,
        error: outcome.error,
        code: outcome.errorCode,
        eventId: event.id,
        eventType: event.type,
      },
      ...(node !== undefined ? { node } : {}),
    },
  };
}
