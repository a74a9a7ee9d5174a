import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Diagnostic, defaultMaxJsonDepth } from '../src/index.js';
import { echoLog } from './fixtures/echoAdapter.js';
import { startEcho } from './fixtures/echoRuntime.js';

let stop: (() => Promise<unknown>) | undefined;
beforeEach(() => {
  echoLog.length = 0;
});
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** `{ k: { k: … 'leaf' } }` with `depth` objects (the outer one is depth 1). */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { k: 'leaf' };
  for (let i = 1; i < depth; i++) value = { k: value };
  return value;
}

const popup = `rules:
  - name: popup
    on: call.answered
    do:
      - wakeup: { url: "http://crm/sales?order={{ vars.order }}" }
`;

async function rejectedCount(runtime: Awaited<ReturnType<typeof startEcho>>['runtime']): Promise<string> {
  return runtime.metrics.registry.getSingleMetricAsString('switchboard_input_rejected_total');
}

describe('events that nest deeper than core can render are never stored', () => {
  test('deep vars or raw: rejected as too-deep and counted, the call keeps nothing, the next event runs', async () => {
    const { runtime, events } = await startEcho(popup);
    stop = () => runtime.stop();
    const seen: Diagnostic[] = [];
    runtime.diagnostics.subscribe((d) => seen.push(d));

    const deepVars = await events('a').publish({
      id: 'deep-vars',
      type: 'call.answered',
      call: { id: 'c1' },
      // vars itself is depth 1: one level more than the limit
      vars: { order: 'x', userData: nested(defaultMaxJsonDepth) },
    });
    const deepRaw = await events('a').publish({
      id: 'deep-raw',
      type: 'call.answered',
      call: { id: 'c1' },
      raw: nested(10_000),
    });
    expect([deepVars.status, deepRaw.status]).toEqual(['rejected', 'rejected']);
    expect(deepVars.error).toBe(`the event's \`vars\` nests deeper than ${defaultMaxJsonDepth} levels`);
    expect(deepRaw.error).toMatch(/`raw` nests deeper/);
    expect(runtime.calls.get('c1')).toBeUndefined();
    expect(echoLog).toEqual([]);
    expect(seen.filter((d) => d.kind === 'event')).toEqual([]);
    expect(seen.filter((d) => d.kind === 'rejected').map((d) => d.kind === 'rejected' && d.reason)).toEqual([
      'too-deep',
      'too-deep',
    ]);
    expect(await rejectedCount(runtime)).toContain('{source="a",reason="too-deep"} 2');

    // At the limit is fine, and the stream goes on.
    const atLimit = await events('a').publish({
      id: 'ok',
      type: 'call.answered',
      call: { id: 'c1' },
      vars: { order: 'y', userData: nested(defaultMaxJsonDepth - 1) },
      raw: nested(defaultMaxJsonDepth),
    });
    expect(atLimit.status).toBe('handled');
    expect(echoLog.map((l) => l.params.url)).toEqual(['http://crm/sales?order=y']);
    expect(JSON.stringify(runtime.calls.get('c1'))).toContain('leaf');
  });

  test('an event that waits for an answer and nests too deep is answered `rejected` at once', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: answer
    on: call.offered
    do:
      - answer: { pane: "x" }
`);
    stop = () => runtime.stop();
    const outcome = await events('a').request(
      { id: 'r1', type: 'call.offered', call: { id: 'c2' }, vars: { x: nested(500) } },
      { timeoutMs: 5000 },
    );
    expect(outcome).toEqual({ answered: false, reason: 'rejected' });
  });

  test('an action cannot keep vars that nest too deep (a `set` that nests the call vars one level per event)', async () => {
    const { runtime, events } = await startEcho(`rules:
  - name: grow
    on: call.answered
    do:
      - set: { nest: { k: "{{ vars.nest }}" } }
`);
    stop = () => runtime.stop();
    const statuses: string[] = [];
    for (let i = 1; i <= defaultMaxJsonDepth + 2; i++) {
      const report = await events('a').publish({ id: `e${i}`, type: 'call.answered', call: { id: 'c3' } });
      statuses.push(report.outcomes[0]?.status ?? 'none');
    }
    // After event i the kept value is `{ nest: … }` of depth i + 1 (the vars object counts as 1).
    expect(statuses.indexOf('failed')).toBe(defaultMaxJsonDepth - 1);
    expect(statuses.slice(defaultMaxJsonDepth - 1).every((s) => s === 'failed')).toBe(true);
    const failure = (await events('a').publish({ id: 'last', type: 'call.answered', call: { id: 'c3' } }))
      .outcomes[0];
    expect(failure?.error).toMatch(/nest deeper than 64 levels/);
    // What the call keeps still renders.
    expect(() => JSON.stringify(runtime.calls.get('c3'))).not.toThrow();
  });
});
