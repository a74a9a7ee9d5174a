import { defineAdapter } from '@switchboard/core';
import { webhookErrors } from './errors.js';
import { adapterName, mappableEventTypes } from './mapping/eventFields.js';
import { mapVendorEvent } from './mapping/mapVendorEvent.js';
import { webhookOptionsSchema } from './options.js';
import { WebhookInbound } from './transport/WebhookInbound.js';
import { WebhookRoutes } from './transport/WebhookRoutes.js';
import { WebhookRuntime } from './WebhookRuntime.js';

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
  errors: webhookErrors,
  runtime: WebhookRuntime,
  // classes the instance's container builds, once per instance (their constructors `@inject` what they need)
  services: [WebhookRoutes, WebhookInbound],
  executors: {},
  mapVendorEvent,
});
