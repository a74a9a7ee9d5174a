import { diffLines } from 'diff';
import { stringify } from 'yaml';
import { color } from '../cli/output.js';
import { type ExpectedAction, project, type SeenAction } from './matchActions.js';

const asItem = (a: { action: string; via?: string; params: unknown; failed?: string; fails?: boolean }) => ({
  [a.action]: a.params,
  ...(a.via !== undefined ? { via: a.via } : {}),
  ...(a.failed !== undefined ? { failed: a.failed } : {}),
  ...(a.fails !== undefined ? { fails: a.fails } : {}),
});

/**
 * A line diff of expected and actual actions, as YAML like the test file writes them. Actual params
 * are cut down to the keys the expectation names, so only real differences show.
 */
export function formatDiff(
  expected: readonly ExpectedAction[],
  actual: readonly SeenAction[],
  useColor: boolean,
): string {
  const c = color(useColor);
  const shownActual = actual.map((a, i) => {
    const e = expected[i];
    const params = e && e.action === a.action ? project(a.params, e.params) : a.params;
    const via = e?.via === undefined && e?.action === a.action ? undefined : a.via;
    return asItem({
      action: a.action,
      params,
      ...(via !== undefined ? { via } : {}),
      ...(a.failed ? { failed: a.failed } : {}),
    });
  });
  const left = expected.length > 0 ? stringify(expected.map(asItem), { lineWidth: 0 }) : '[]\n';
  const right = shownActual.length > 0 ? stringify(shownActual, { lineWidth: 0 }) : '[]\n';
  const lines = [c.red('- expected'), c.green('+ actual')];
  for (const part of diffLines(left, right)) {
    const text = part.value.replace(/\n$/, '').split('\n');
    for (const line of text) {
      if (part.added) lines.push(c.green(`+ ${line}`));
      else if (part.removed) lines.push(c.red(`- ${line}`));
      else lines.push(c.dim(`  ${line}`));
    }
  }
  return lines.join('\n');
}
