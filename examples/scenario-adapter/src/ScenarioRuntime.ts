import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { AdapterContext, type AdapterRuntime, describeError, inject, injectable } from '@switchboard/core';
import type { ScenarioContext } from './options.js';
import { loadScenario } from './scenario/loadScenario.js';
import { playScenario } from './scenario/playScenario.js';

/** Plays the configured scenario in the background while the instance runs. */
@injectable()
export class ScenarioRuntime implements AdapterRuntime {
  #controller: AbortController | undefined;
  #playing: Promise<void> | undefined;

  constructor(@inject(AdapterContext) private readonly ctx: ScenarioContext) {}

  async start(): Promise<void> {
    const { options, events, logger, configDir } = this.ctx;
    const scenario = await loadScenario(resolve(configDir, options.scenario), options.scenario);
    const controller = new AbortController();
    this.#controller = controller;
    // Each start plays new calls: the ids of an earlier start are in the daemon's ledger for hours.
    const run = randomBytes(3).toString('hex');
    // No connection reports a state for a source of its own: the instance says it is playing.
    events.setState(
      'connected',
      `playing ${scenario.calls.length} call(s)${options.loop ? ' in a loop' : ''} (run ${run})`,
    );
    this.#playing = playScenario(scenario, {
      loop: options.loop,
      speed: options.speed,
      signal: controller.signal,
      run,
      emit: (event) => events.publishAndWait(event),
    })
      .then((count) => {
        logger.info({ events: count }, 'scenario finished');
        events.setState('disconnected', 'scenario finished');
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) logger.error({ err: describeError(error) }, 'scenario failed');
      });
  }

  async stop(): Promise<void> {
    this.#controller?.abort(new Error('stopped'));
    await this.#playing;
  }
}
