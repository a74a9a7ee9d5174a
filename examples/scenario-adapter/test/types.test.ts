import { type ActionRequest, defineAdapter, type OptionsOf } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import { type ScenarioParams, scenarioActions } from '../src/actionSpecs.js';
import { SimulatedDesktopExecutor } from '../src/actions/SimulatedDesktopExecutor.js';
import { type ScenarioContext, type ScenarioOptions, scenarioOptionsSchema } from '../src/options.js';
import { ScenarioRuntime } from '../src/ScenarioRuntime.js';

// Compile-time checks: `npm run typecheck` fails when one breaks, and each `@ts-expect-error` fails it
// if the line it marks ever compiles.

describe('options and params are typed from the schemas', () => {
  it('infers the options, defaults applied (so required)', () => {
    expectTypeOf<ScenarioOptions>().toEqualTypeOf<OptionsOf<typeof scenarioOptionsSchema>>();
    expectTypeOf<ScenarioOptions>().toEqualTypeOf<{ scenario: string; loop: boolean; speed: number }>();
    expectTypeOf<ScenarioContext['options']>().toEqualTypeOf<ScenarioOptions>();
  });

  it('infers each action`s params', () => {
    expectTypeOf<ScenarioParams<'wakeup'>['mode']>().toEqualTypeOf<'new_tab' | 'new_window' | 'new_frame'>();
    expectTypeOf<ScenarioParams<'notification'>['type']>().toEqualTypeOf<
      'info' | 'success' | 'warning' | 'error'
    >();
    expectTypeOf<ScenarioParams<'pushevent'>['reference']>().toEqualTypeOf<string | undefined>();
  });

  it('makes a misspelled option or param a compile error', () => {
    const misuse = (ctx: ScenarioContext, request: ActionRequest<ScenarioParams<'wakeup'>>): unknown[] => [
      // @ts-expect-error `scenarios` is no option of the adapter (it is `scenario`)
      ctx.options.scenarios,
      // @ts-expect-error `modee` is no param of `wakeup`
      request.params.modee,
    ];
    expectTypeOf(misuse).toBeFunction();
  });

  it('makes a missing or mistyped executor a compile error', () => {
    const base = {
      name: 'x',
      packageName: 'x',
      version: '1.0.0',
      core: '^1.0.0',
      description: 'x',
      optionsSchema: scenarioOptionsSchema,
      emits: { events: [] },
      actions: scenarioActions,
      runtime: ScenarioRuntime,
    } as const;
    const { for: executor } = SimulatedDesktopExecutor;
    const missing = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `pushevent` has no executor
        executors: { wakeup: executor('wakeup'), notification: executor('notification') },
      });
    const mistyped = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `wakeup` given the executor of `pushevent`, whose params differ
        executors: {
          wakeup: executor('pushevent'),
          notification: executor('notification'),
          pushevent: executor('pushevent'),
        },
      });
    expectTypeOf(missing).toBeFunction();
    expectTypeOf(mistyped).toBeFunction();
  });
});
