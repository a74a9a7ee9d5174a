import { resolve } from 'node:path';
import type { Logger } from '@switchboard/core';
import {
  type AdapterRuntime,
  describeError,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
} from '@switchboard/core';
import type { ScenarioOptions } from './ScenarioOptions.js';
import { loadScenario } from './scenario/loadScenario.js';
import { playScenario } from './scenario/playScenario.js';

/** Plays the configured scenario in the background while the instance runs. */
@injectable()
export class ScenarioRuntime implements AdapterRuntime {
  #controller: AbortController | undefined;
  #playing: Promise<void> | undefined;

  constructor(
    @inject(InstanceTokens.Options) private readonly options: ScenarioOptions,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
    @inject(InstanceTokens.ConfigDir) private readonly configDir: string,
  ) {}

  async start(): Promise<void> {
    const scenario = await loadScenario(
      resolve(this.configDir, this.options.scenario),
      this.options.scenario,
    );
    const controller = new AbortController();
    this.#controller = controller;
    this.events.setState(
      'connected',
      `playing ${scenario.calls.length} call(s)${this.options.loop ? ' in a loop' : ''}`,
    );
    this.#playing = playScenario(scenario, {
      loop: this.options.loop,
      speed: this.options.speed,
      signal: controller.signal,
      emit: (event) => this.events.publish(event),
    })
      .then((count) => {
        this.logger.info({ events: count }, 'scenario finished');
        this.events.setState('disconnected', 'scenario finished');
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) this.logger.error({ err: describeError(error) }, 'scenario failed');
      });
  }

  async stop(): Promise<void> {
    this.#controller?.abort(new Error('stopped'));
    await this.#playing;
  }
}
