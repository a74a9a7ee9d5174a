import { type AdapterRuntime, inject, injectable } from '@switchboard/core';
import { WebhookRoutes } from './transport/WebhookRoutes.js';

/** One webhook instance: mounts `POST /adapters/<instance>/events`; core serves it and closes it. */
@injectable()
export class WebhookRuntime implements AdapterRuntime {
  constructor(@inject(WebhookRoutes) private readonly routes: WebhookRoutes) {}

  async start(): Promise<void> {
    this.routes.mount();
  }

  async stop(): Promise<void> {
    // Core answers 503 from now on and closes the route after this.
  }
}
