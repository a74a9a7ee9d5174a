import { type ActionRequest, defineAdapter, type OptionsOf } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import { type XcallyParams, xcallyActions } from '../src/actionSpecs.js';
import { XcallyCommandExecutor } from '../src/actions/XcallyCommandExecutor.js';
import { type XcallyContext, type XcallyOptions, xcallyOptionsSchema } from '../src/options.js';
import { XcallyRuntime } from '../src/XcallyRuntime.js';

// The checks below are compile-time: `npm run typecheck` (part of `npm test`) fails when one breaks. The
// `@ts-expect-error` lines fail the typecheck if the line they mark ever compiles.

describe('options and params are typed from the schemas', () => {
  it('infers the options, defaults applied (so required)', () => {
    expectTypeOf<XcallyOptions>().toEqualTypeOf<OptionsOf<typeof xcallyOptionsSchema>>();
    expectTypeOf<XcallyOptions['url']>().toEqualTypeOf<string>();
    expectTypeOf<XcallyOptions['protocol']>().toEqualTypeOf<'auto' | 'v2' | 'v4'>();
    expectTypeOf<XcallyOptions['reconnect']['initialMs']>().toEqualTypeOf<number>();
    expectTypeOf<XcallyOptions['token']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<XcallyContext['options']>().toEqualTypeOf<XcallyOptions>();
  });

  it('infers each action`s params', () => {
    expectTypeOf<XcallyParams<'wakeup'>['mode']>().toEqualTypeOf<'new_tab' | 'new_window' | 'new_frame'>();
    expectTypeOf<XcallyParams<'wakeup'>['url']>().toEqualTypeOf<string>();
    expectTypeOf<XcallyParams<'notification'>['body']>().toEqualTypeOf<string>();
    expectTypeOf<XcallyParams<'pushevent'>['type']>().toEqualTypeOf<string>();
  });

  it('makes a misspelled option or param a compile error', () => {
    const misuse = (ctx: XcallyContext, request: ActionRequest<XcallyParams<'wakeup'>>): unknown[] => [
      // @ts-expect-error `urll` is no option of the adapter
      ctx.options.urll,
      // @ts-expect-error `reconect` is no option either
      ctx.options.reconect.initialMs,
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
      optionsSchema: xcallyOptionsSchema,
      emits: { events: [] },
      actions: xcallyActions,
      runtime: XcallyRuntime,
    } as const;
    const { for: executor } = XcallyCommandExecutor;
    const complete = () =>
      defineAdapter({
        ...base,
        executors: {
          wakeup: executor('wakeup'),
          notification: executor('notification'),
          pushevent: executor('pushevent'),
        },
      });
    const missing = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `pushevent` has no executor
        executors: { wakeup: executor('wakeup'), notification: executor('notification') },
      });
    const mistyped = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `wakeup` given the executor of `notification`, whose params differ
        executors: {
          wakeup: executor('notification'),
          notification: executor('notification'),
          pushevent: executor('pushevent'),
        },
      });
    expectTypeOf(complete).toBeFunction();
    expectTypeOf(missing).toBeFunction();
    expectTypeOf(mistyped).toBeFunction();
  });
});
