import type { EventInput } from '@switchboard/core';
import type { ScenarioCall } from '../scenario/Scenario.js';

/**
 * Pure: the events of one recorded call in loop round `round` of the player's run `run`. Each round of
 * each run gets its own call ids and event ids (`<id>#<run>-<round>`, or `<id>#<round>` without a run),
 * so the same recorded call is a new call every time: the daemon's event ledger and call state outlive a
 * restart, and would take a replayed id for a duplicate, or a replayed call for one already over.
 */
export function callEvents(call: ScenarioCall, round: number, run?: string): EventInput[] {
  const suffix = run === undefined ? `#${round}` : `#${run}-${round}`;
  return call.steps.map((step, i) => {
    const base = step.event;
    return {
      ...base,
      id: `${base.id ?? `${call.name}:${i}`}${suffix}`,
      ...(base.call ? { call: { ...base.call, id: `${base.call.id}${suffix}` } } : {}),
    } as EventInput;
  });
}
