import { type EventInput, sleep } from '@switchboard/core';
import type { Scenario } from './Scenario.js';

export interface PlayOptions {
  readonly loop: boolean;
  /** Time factor: 2 plays twice as fast. */
  readonly speed: number;
  readonly signal: AbortSignal;
  readonly emit: (event: EventInput) => Promise<unknown>;
}

/**
 * Plays the scenario's calls one after another (in a loop when asked). Each round gets its own call
 * ids and event ids (`<id>#<round>`), so the same recorded call is a new call every time.
 */
export async function playScenario(scenario: Scenario, options: PlayOptions): Promise<number> {
  let round = 0;
  let emitted = 0;
  do {
    round += 1;
    for (const call of scenario.calls) {
      for (const [i, step] of call.steps.entries()) {
        await sleep(step.after / options.speed, options.signal);
        const base = step.event;
        const callId = base.call ? `${base.call.id}#${round}` : undefined;
        const event: EventInput = {
          ...base,
          id: `${base.id ?? `${call.name}:${i}`}#${round}`,
          ...(base.call && callId ? { call: { ...base.call, id: callId } } : {}),
        } as EventInput;
        await options.emit(event);
        emitted += 1;
      }
      await sleep(scenario.gap / options.speed, options.signal);
    }
  } while (options.loop && !options.signal.aborted);
  return emitted;
}
