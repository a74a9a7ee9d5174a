import { defineAdapter } from '@switchboard/core';
import { adapterName, mappableEventTypes } from './mapping/eventFields.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { webhookOptionsSchema } from './options/webhookOptionsSchema.js';
import { webhookContainerModule } from './WebhookContainerModule.js';

/**
 * The plugin: everything the runner needs to load it by package name. Core has no knowledge of it;
 * this default export is the whole contract.
 */
export const webhookAdapter = defineAdapter({
  name: adapterName,
  packageName: 'switchboard-adapter-webhook',
  version: '1.0.0',
  core: '^1.0.0',
  description: 'Any system that can POST JSON becomes an event source, mapped by a declarative mapping.',
  optionsSchema: webhookOptionsSchema,
  emits: {
    // whatever the mapping produces: every type except those core raises itself
    events: mappableEventTypes,
    // the body's own event names (the field `type` is read from) match `on: webhook.<name>`
    anyVendorEvent: true,
  },
  // an event source only: rules act through core's actions (`http`, `log`, `set`) or other instances
  actions: {},
  module: webhookContainerModule,
  mapVendorEvent,
});
