import { defineAdapter } from '@switchboard/core';
import { scenarioActions } from './actionSpecs.js';
import { AgentDesktopLog } from './actions/AgentDesktopLog.js';
import { SimulatedDesktopExecutor } from './actions/SimulatedDesktopExecutor.js';
import { scenarioErrors } from './errors.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { scenarioOptionsSchema } from './options.js';
import { ScenarioRuntime } from './ScenarioRuntime.js';

/** The scenario adapter: recorded calls in, simulated agent desktop out. */
export const scenarioAdapter = defineAdapter({
  name: 'scenario',
  packageName: 'switchboard-adapter-scenario',
  version: '1.0.0',
  core: '^1.0.0',
  description: 'Plays recorded calls from a YAML scenario file; agent-desktop actions are logged.',
  optionsSchema: scenarioOptionsSchema,
  emits: {
    events: [
      'call.offered',
      'call.answered',
      'call.held',
      'call.resumed',
      'call.wrapup',
      'call.ended',
      'call.abandoned',
      'call.outbound',
      'agent.state',
    ],
  },
  actions: scenarioActions,
  errors: scenarioErrors,
  runtime: ScenarioRuntime,
  services: [AgentDesktopLog],
  executors: {
    wakeup: SimulatedDesktopExecutor.for('wakeup'),
    notification: SimulatedDesktopExecutor.for('notification'),
    pushevent: SimulatedDesktopExecutor.for('pushevent'),
  },
  mapVendorEvent,
});
