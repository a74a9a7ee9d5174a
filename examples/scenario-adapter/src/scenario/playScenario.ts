import { type EventInput, sleep } from '@switchboard/core';
import { callEvents } from '../mapping/callEvents.js';
import type { Scenario } from './Scenario.js';

export interface PlayOptions {
  readonly loop: boolean;
  /** Time factor: 2 plays twice as fast. */
  readonly speed: number;
  readonly signal: AbortSignal;
  /** Told apart from other runs in the ids (see `callEvents`); the same for all rounds of this run. */
  readonly run?: string;
  /** Resolves when the event is handled: the player waits for it, so it never outruns the rules. */
  readonly emit: (event: EventInput) => Promise<unknown>;
}

/**
 * Plays the scenario's calls one after another (in a loop when asked), each step `after` ms after the
 * previous one. Every loop round is a new call (see `callEvents`). Resolves with the number of events.
 */
export async function playScenario(scenario: Scenario, options: PlayOptions): Promise<number> {
  let round = 0;
  let emitted = 0;
  do {
    round += 1;
    for (const call of scenario.calls) {
      const events = callEvents(call, round, options.run);
      for (const [i, step] of call.steps.entries()) {
        await sleep(step.after / options.speed, options.signal);
        await options.emit(events[i] as EventInput);
        emitted += 1;
      }
      await sleep(scenario.gap / options.speed, options.signal);
    }
  } while (options.loop && !options.signal.aborted);
  return emitted;
}
