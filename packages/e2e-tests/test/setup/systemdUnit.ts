import { readFileSync } from 'node:fs';
import { repoRoot } from './repoRoot.js';

export const unitPath = `${repoRoot}/deploy/switchboard.service`;
export const unitText = readFileSync(unitPath, 'utf8');

/** A unit file's settings by section, each key with every value it was given, in order. */
export type UnitSettings = Record<string, Record<string, string[]>>;

/** Reads a systemd unit file (sections, `Key=value` lines, `#`/`;` comments, `\` continuations). */
export function parseUnit(text: string): UnitSettings {
  const settings: UnitSettings = {};
  let section: Record<string, string[]> | undefined;
  for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header?.[1]) {
      settings[header[1]] ??= {};
      section = settings[header[1]];
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (!section || eq < 0) throw new Error(`not a unit file line: ${line}`);
    const key = trimmed.slice(0, eq).trim();
    section[key] = [...(section[key] ?? []), trimmed.slice(eq + 1).trim()];
  }
  return settings;
}

export const unit = parseUnit(unitText);
export const service = unit.Service ?? {};

/** The last value of a [Service] setting (systemd: a later assignment wins), or undefined. */
export function serviceSetting(key: string): string | undefined {
  return service[key]?.at(-1);
}
