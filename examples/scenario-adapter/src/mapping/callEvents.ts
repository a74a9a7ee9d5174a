import type { EventInput } from '@switchboard/core';
import type { ScenarioCall } from '../scenario/Scenario.js';

/**
 * Pure: the events of one recorded call in loop round `round`. Each round gets its own call ids and
 * event ids (`<id>#<round>`), so the same recorded call is a new call every time.
 */
export function callEvents(call: ScenarioCall, round: number): EventInput[] {
  return call.steps.map((step, i) => {
    const base = step.event;
    return {
      ...base,
      id: `${base.id ?? `${call.name}:${i}`}#${round}`,
      ...(base.call ? { call: { ...base.call, id: `${base.call.id}#${round}` } } : {}),
    } as EventInput;
  });
}
