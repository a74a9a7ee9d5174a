import type { EventInput } from '@switchboard/core';

/** One step of a recorded call: wait `after` ms (since the previous step), then emit `event`. */
export interface ScenarioStep {
  readonly after: number;
  readonly event: Omit<EventInput, 'id'> & { id?: string };
}

/** A recorded call: steps played in order. `call.id` in the events is made unique per loop round. */
export interface ScenarioCall {
  readonly name: string;
  readonly steps: readonly ScenarioStep[];
}

export interface Scenario {
  readonly calls: readonly ScenarioCall[];
  /** ms between two calls. */
  readonly gap: number;
}
