// A minimal adapter manifest for in-process benchmarks: it declares `wakeup`; actions go to recorders.
import { defineAdapter } from '@switchboard/core';

/** Never started: the benchmarks run the runtime in record mode. */
class BenchRuntime {
  async start() {}
  async stop() {}
}

export const benchAdapter = defineAdapter({
  name: 'bench',
  packageName: 'bench-adapter',
  version: '1.0.0',
  core: '^1.0.0',
  description: 'benchmark stand-in',
  optionsSchema: { type: 'object' },
  emits: { events: ['call.offered', 'call.answered', 'call.ended'] },
  actions: {
    wakeup: {
      description: 'open a URL',
      params: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string', 'x-template': 'url' },
          peer: { type: 'string', default: '{{ call.peer }}' },
        },
      },
    },
  },
  runtime: BenchRuntime,
  executors: { wakeup: () => ({ execute: () => undefined }) },
});
