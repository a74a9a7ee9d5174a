import { readFile } from 'node:fs/promises';
import { isRecord } from '@switchboard/core';
import { parse } from 'yaml';

/** One message xcally-realtime sends: a payload (any JSON, malformed ones too) after a pause. */
export interface ScenarioStep {
  /** ms to wait before sending (scaled by the speed). */
  readonly delayMs: number;
  /** socket.io event name; default the payload's `event`. */
  readonly name: string;
  readonly payload: unknown;
}

export interface EmulatorScenario {
  readonly steps: readonly ScenarioStep[];
}

/**
 * A scenario from parsed YAML/JSON: `{ steps: [ { delayMs?, name?, payload } ] }`. A step without
 * `name` is sent under its payload's `event`, as xcally-realtime names its events.
 */
export function toScenario(value: unknown, where = 'scenario'): EmulatorScenario {
  if (!isRecord(value) || !Array.isArray(value.steps) || value.steps.length === 0) {
    throw new Error(`${where}: expected \`steps:\`, a non-empty list of { delayMs?, name?, payload }`);
  }
  const steps = value.steps.map((step, i): ScenarioStep => {
    const at = `${where}: steps[${i}]`;
    if (!isRecord(step) || !('payload' in step)) throw new Error(`${at} needs a \`payload\``);
    const delayMs = step.delayMs ?? 0;
    if (typeof delayMs !== 'number' || !(delayMs >= 0)) throw new Error(`${at}.delayMs must be a number ≥ 0`);
    const event = isRecord(step.payload) ? step.payload.event : undefined;
    const name = step.name ?? event;
    if (typeof name !== 'string' || name === '') {
      throw new Error(`${at} needs \`name\` (its payload has no \`event\` to name it)`);
    }
    return { delayMs, name, payload: step.payload };
  });
  return { steps };
}

/** Reads a YAML (or JSON) scenario file. */
export async function loadEmulatorScenario(file: string): Promise<EmulatorScenario> {
  return toScenario(parse(await readFile(file, 'utf8')), file);
}
