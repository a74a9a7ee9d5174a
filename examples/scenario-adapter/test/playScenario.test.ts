import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventInput } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../src/scenario/loadScenario.js';
import { playScenario } from '../src/scenario/playScenario.js';

const scenarioYaml = `gap: 0
calls:
  - name: one
    steps:
      - { after: 0, event: { type: call.offered, call: { id: c1, queue: Sales } } }
      - { after: 0, event: { type: call.ended, call: { id: c1, queue: Sales } } }
`;

describe('scenario adapter', () => {
  test('plays calls in order; every loop round gets new call and event ids', async () => {
    const file = join(tmpdir(), `scenario-${process.pid}.yaml`);
    await writeFile(file, scenarioYaml);
    const scenario = await loadScenario(file);
    const seen: EventInput[] = [];
    const controller = new AbortController();
    await playScenario(scenario, {
      loop: true,
      speed: 1,
      signal: controller.signal,
      emit: async (event) => {
        seen.push(event);
        if (seen.length === 4) controller.abort();
      },
    }).catch(() => undefined);
    expect(seen.map((e) => [e.id, e.type, e.call?.id])).toEqual([
      ['one:0#1', 'call.offered', 'c1#1'],
      ['one:1#1', 'call.ended', 'c1#1'],
      ['one:0#2', 'call.offered', 'c1#2'],
      ['one:1#2', 'call.ended', 'c1#2'],
    ]);
  });

  test('a run name goes into every id: stable within the run, other in another run', async () => {
    const file = join(tmpdir(), `scenario-runs-${process.pid}.yaml`);
    await writeFile(file, scenarioYaml);
    const scenario = await loadScenario(file);
    const play = async (run: string) => {
      const seen: EventInput[] = [];
      await playScenario(scenario, {
        loop: false,
        speed: 1,
        signal: new AbortController().signal,
        run,
        emit: async (event) => {
          seen.push(event);
        },
      });
      return seen.map((e) => [e.id, e.call?.id]);
    };
    expect(await play('a1b2c3')).toEqual([
      ['one:0#a1b2c3-1', 'c1#a1b2c3-1'],
      ['one:1#a1b2c3-1', 'c1#a1b2c3-1'],
    ]);
    expect(await play('a1b2c3')).toEqual(await play('a1b2c3'));
    expect((await play('d4e5f6'))[0]).toEqual(['one:0#d4e5f6-1', 'c1#d4e5f6-1']);
  });

  test('a broken scenario file is reported with file:line:col', async () => {
    const file = join(tmpdir(), `scenario-bad-${process.pid}.yaml`);
    await writeFile(file, 'calls:\n  - name: one\n    stepz: []\n');
    await expect(loadScenario(file, 'bad.yaml')).rejects.toThrow(
      /bad\.yaml:3:5 `calls\.0` has an unknown property `stepz`/,
    );
    await expect(loadScenario(file, 'bad.yaml')).rejects.toThrow(
      expect.objectContaining({ code: 'SCENARIO_INVALID' }),
    );
  });

  test('a YAML syntax error is reported with its position; a missing file by name', async () => {
    const file = join(tmpdir(), `scenario-syntax-${process.pid}.yaml`);
    await writeFile(file, 'calls: [\n');
    await expect(loadScenario(file, 'broken.yaml')).rejects.toThrow(
      expect.objectContaining({
        code: 'SCENARIO_INVALID',
        message: expect.stringMatching(/^broken\.yaml:\d+:\d+ /),
      }),
    );
    await expect(loadScenario(join(tmpdir(), 'no-such-scenario.yaml'), 'none.yaml')).rejects.toThrow(
      expect.objectContaining({
        code: 'SCENARIO_NOT_FOUND',
        message: expect.stringContaining('cannot read scenario none.yaml'),
      }),
    );
  });
});
