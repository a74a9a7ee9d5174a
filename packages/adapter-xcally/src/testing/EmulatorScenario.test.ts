import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEmulatorScenario, toScenario } from './EmulatorScenario.js';

describe('emulator scenarios', () => {
  it('name each step after its payload unless told, and default the delay to 0', () => {
    expect(
      toScenario({ steps: [{ payload: { event: 'up' } }, { name: 'up', delayMs: 5, payload: 'bad' }] }),
    ).toEqual({
      steps: [
        { delayMs: 0, name: 'up', payload: { event: 'up' } },
        { delayMs: 5, name: 'up', payload: 'bad' },
      ],
    });
  });

  it('refuse steps they cannot send, saying which', () => {
    expect(() => toScenario({ steps: [] })).toThrow('expected `steps:`');
    expect(() => toScenario({ steps: [{ delayMs: 1 }] }, 'a.yaml')).toThrow(
      'a.yaml: steps[0] needs a `payload`',
    );
    expect(() => toScenario({ steps: [{ payload: 42 }] })).toThrow('steps[0] needs `name`');
    expect(() => toScenario({ steps: [{ payload: {}, name: 'x', delayMs: -1 }] })).toThrow('delayMs must be');
  });

  it("load the example's scenario file", async () => {
    const file = fileURLToPath(
      new URL('../../../../examples/xcally-sales-popup/scenario.yaml', import.meta.url),
    );
    const scenario = await loadEmulatorScenario(file);
    expect(scenario.steps.map((s) => s.name)).toEqual(['ringing', 'up', 'hangup', 'up', 'abandon']);
  });
});
