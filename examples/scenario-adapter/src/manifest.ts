import { defineAdapter } from '@switchboard/core';
import { desktopActions } from './manifestActions.js';
import { scenarioContainerModule } from './ScenarioContainerModule.js';
import { scenarioOptionsSchema } from './ScenarioOptions.js';

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
  actions: desktopActions,
  module: scenarioContainerModule,
});
