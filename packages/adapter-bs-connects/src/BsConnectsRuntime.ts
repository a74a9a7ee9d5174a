import { type AdapterRuntime, inject, injectable } from '@switchboard/core';
import { BsConnectsBridge } from './transport/BsConnectsBridge.js';

/**
 * One b+s Connects instance: opens the bridges' namespace. Core shows the instance `listening` with the
 * number of bridges connected, and closes the bridges' transports when it stops, so they reconnect to the
 * next daemon and deliver what they queued meanwhile.
 */
@injectable()
export class BsConnectsRuntime implements AdapterRuntime {
  constructor(@inject(BsConnectsBridge) private readonly bridge: BsConnectsBridge) {}

  async start(): Promise<void> {
    this.bridge.open();
  }

  async stop(): Promise<void> {
    // The bridges are core's: it closes them after this.
  }
}
