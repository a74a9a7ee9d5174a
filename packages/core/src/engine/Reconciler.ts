import type { Logger } from 'pino';
import type { CallContextStore } from '../calls/CallContextStore.js';
import { describeError } from '../errors/index.js';
import type { Metrics } from '../observe/Metrics.js';
import type { Clock } from '../runtime/Clock.js';
import type { Dispatcher } from './Dispatcher.js';
import type { EventLedger } from './EventLedger.js';

export interface ReconcileDeps {
  readonly ledger: EventLedger;
  readonly dispatcher: Dispatcher;
  readonly calls: CallContextStore;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Older pending events are not run again (a call's idle TTL). */
  readonly maxAgeMs: number;
  /** Several nodes: only the events this node recorded outside any lease. */
  readonly node?: string;
  /** Several nodes: only the events that came through this leased connection (taken over). */
  readonly lease?: string;
}

export interface ReconcileCounts {
  readonly rerun: number;
  readonly expired: number;
  readonly answerLost: number;
}

/**
 * At start-up, before the adapters start: the events an earlier run recorded but did not finish are run
 * again, oldest first, while their call is live (its vars say it has not ended) and they are younger than
 * a call's idle TTL; the rest are settled. Events that waited for an answer are settled too: their asker
 * is gone. The action markers then decide what each re-run sends (`once` actions done are skipped).
 * Re-runs are queued, not awaited, so the adapters' new events of a call queue behind them.
 */
export async function reconcile(sources: readonly string[], deps: ReconcileDeps): Promise<ReconcileCounts> {
  const { ledger, dispatcher, calls, metrics, clock, logger } = deps;
  let rerun = 0;
  let expired = 0;
  let answerLost = 0;
  for (const source of sources) {
    const only = {
      ...(deps.node !== undefined ? { node: deps.node } : {}),
      ...(deps.lease !== undefined ? { lease: deps.lease } : {}),
    };
    for (const { key, record } of await ledger.pendingOfEarlierRuns(source, only)) {
      const event = record.event;
      if (!record.replay || !event) {
        answerLost += 1;
        metrics.eventsRecovered.inc({ source, outcome: 'answer-lost' });
        await ledger.done(source, key);
        continue;
      }
      const callId = event.call?.id;
      if (callId !== undefined) await calls.load(callId);
      if (clock.now() - record.at > deps.maxAgeMs || (callId !== undefined && calls.hasEnded(callId))) {
        expired += 1;
        metrics.eventsRecovered.inc({ source, outcome: 'expired' });
        await ledger.done(source, key);
        continue;
      }
      rerun += 1;
      metrics.eventsRecovered.inc({ source, outcome: 'rerun' });
      dispatcher.recover(event, source, key, record).catch((error: unknown) => {
        logger.error({ source, eventId: event.id, err: describeError(error) }, 'a recovered event failed');
      });
    }
  }
  if (rerun + expired + answerLost > 0) {
    logger.warn(
      { rerun, expired, answerLost },
      `${rerun + expired + answerLost} event(s) were pending when the daemon last stopped: ${rerun} run again, ${expired} expired (call over or too old), ${answerLost} waited for an answer that is lost`,
    );
  }
  return { rerun, expired, answerLost };
}
