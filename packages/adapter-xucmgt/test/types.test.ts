import { type ActionRequest, defineAdapter, type OptionsOf } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import { type ThirdPartyOpenParams, type XucmgtParams, xucmgtActions } from '../src/actionSpecs.js';
import { ThirdPartyOpenExecutor } from '../src/actions/ThirdPartyOpenExecutor.js';
import { type XucmgtContext, type XucmgtOptions, xucmgtOptionsSchema } from '../src/options.js';
import { XucmgtRuntime } from '../src/XucmgtRuntime.js';

// Compile-time checks: `npm run typecheck` fails when one breaks, and each `@ts-expect-error` fails it
// if the line it marks ever compiles.

describe('options and params are typed from the schemas', () => {
  it('infers the options, defaults applied (so required)', () => {
    expectTypeOf<XucmgtOptions>().toEqualTypeOf<OptionsOf<typeof xucmgtOptionsSchema>>();
    expectTypeOf<XucmgtOptions['allowedOrigins']>().toEqualTypeOf<string[]>();
    expectTypeOf<XucmgtOptions['answerTimeout']>().toEqualTypeOf<number>();
    expectTypeOf<XucmgtOptions['secret']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<XucmgtContext['options']>().toEqualTypeOf<XucmgtOptions>();
  });

  it('infers the params of thirdPartyOpen', () => {
    expectTypeOf<ThirdPartyOpenParams>().toEqualTypeOf<XucmgtParams<'thirdPartyOpen'>>();
    expectTypeOf<ThirdPartyOpenParams['action']>().toEqualTypeOf<'open' | 'popup' | 'none'>();
    expectTypeOf<ThirdPartyOpenParams['event']>().toEqualTypeOf<'ringing' | 'established' | 'released'>();
    expectTypeOf<ThirdPartyOpenParams['url']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<ThirdPartyOpenParams['passToken']>['in']>().toEqualTypeOf<
      'query' | 'fragment'
    >();
  });

  it('makes a misspelled option or param a compile error', () => {
    const misuse = (ctx: XucmgtContext, request: ActionRequest<ThirdPartyOpenParams>): unknown[] => [
      // @ts-expect-error `allowedOrigin` is no option of the adapter (it is `allowedOrigins`)
      ctx.options.allowedOrigin,
      // @ts-expect-error `repeatWindows` is no option either
      ctx.options.repeatWindows,
      // @ts-expect-error `autoPause` is no param of `thirdPartyOpen` (it is `autopause`)
      request.params.autoPause,
      // @ts-expect-error `passToken.place` is no param: it is `in`
      request.params.passToken?.place,
    ];
    expectTypeOf(misuse).toBeFunction();
  });

  it('makes a missing executor a compile error', () => {
    const base = {
      name: 'x',
      packageName: 'x',
      version: '1.0.0',
      core: '^1.0.0',
      description: 'x',
      optionsSchema: xucmgtOptionsSchema,
      emits: { events: [] },
      actions: xucmgtActions,
      runtime: XucmgtRuntime,
    } as const;
    const complete = () => defineAdapter({ ...base, executors: { thirdPartyOpen: ThirdPartyOpenExecutor } });
    const missing = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `thirdPartyOpen` has no executor
        executors: {},
      });
    expectTypeOf(complete).toBeFunction();
    expectTypeOf(missing).toBeFunction();
  });
});
