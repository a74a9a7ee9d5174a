import { type ActionRequest, defineAdapter, type OptionsOf } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import { type BsConnectsParams, bsConnectsActions } from '../src/actionSpecs.js';
import { CreateSessionExecutor } from '../src/actions/CreateSessionExecutor.js';
import { DialExecutor } from '../src/actions/DialExecutor.js';
import { NotificationExecutor } from '../src/actions/NotificationExecutor.js';
import { SetAgentStateExecutor } from '../src/actions/SetAgentStateExecutor.js';
import { WriteLogExecutor } from '../src/actions/WriteLogExecutor.js';
import { BsConnectsRuntime } from '../src/BsConnectsRuntime.js';
import { type BsConnectsContext, type BsConnectsOptions, bsConnectsOptionsSchema } from '../src/options.js';

// The checks below are compile-time: `npm run typecheck` (part of `npm test`) fails when one breaks. The
// `@ts-expect-error` lines fail the typecheck if the line they mark ever compiles.

describe('options and params are typed from the schemas', () => {
  it('infers the options, defaults applied (so required)', () => {
    expectTypeOf<BsConnectsOptions>().toEqualTypeOf<OptionsOf<typeof bsConnectsOptionsSchema>>();
    expectTypeOf<BsConnectsOptions['key']>().toEqualTypeOf<string>();
    expectTypeOf<BsConnectsOptions['origins']>().toEqualTypeOf<'*' | string[]>();
    expectTypeOf<BsConnectsOptions['requestTimeoutMs']>().toEqualTypeOf<number>();
    expectTypeOf<BsConnectsOptions['checkReasonCodes']>().toEqualTypeOf<boolean>();
    expectTypeOf<BsConnectsContext['options']>().toEqualTypeOf<BsConnectsOptions>();
  });

  it('infers each action`s params, the `log` taken from core`s spec included', () => {
    expectTypeOf<BsConnectsParams<'setAgentState'>['state']>().toEqualTypeOf<
      'Ready' | 'NotReady' | 'Logout'
    >();
    expectTypeOf<BsConnectsParams<'setAgentState'>['reasonCode']>().toEqualTypeOf<
      string | number | undefined
    >();
    expectTypeOf<BsConnectsParams<'dial'>['phoneNumber']>().toEqualTypeOf<string>();
    expectTypeOf<BsConnectsParams<'dial'>['channelId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BsConnectsParams<'notification'>['type']>().toEqualTypeOf<
      'info' | 'success' | 'warning' | 'error'
    >();
    expectTypeOf<BsConnectsParams<'log'>['level']>().toEqualTypeOf<'debug' | 'info' | 'warn' | 'error'>();
    expectTypeOf<BsConnectsParams<'log'>['agent']>().toEqualTypeOf<string>();
    expectTypeOf<BsConnectsParams<'createSession'>['template']>().toEqualTypeOf<string>();
  });

  it('makes a misspelled option or param a compile error', () => {
    const misuse = (ctx: BsConnectsContext, request: ActionRequest<BsConnectsParams<'dial'>>): unknown[] => [
      // @ts-expect-error `requestTimeout` is no option of the adapter (it is `requestTimeoutMs`)
      ctx.options.requestTimeout,
      // @ts-expect-error `queueVar` is no option either
      ctx.options.queueVar,
      // @ts-expect-error `phonenumber` is no param of `dial`
      request.params.phonenumber,
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
      optionsSchema: bsConnectsOptionsSchema,
      emits: { events: [] },
      actions: bsConnectsActions,
      runtime: BsConnectsRuntime,
    } as const;
    const complete = () =>
      defineAdapter({
        ...base,
        executors: {
          createSession: CreateSessionExecutor,
          setAgentState: SetAgentStateExecutor,
          dial: DialExecutor,
          notification: NotificationExecutor,
          log: WriteLogExecutor,
        },
      });
    const missing = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `log` has no executor
        executors: {
          createSession: CreateSessionExecutor,
          setAgentState: SetAgentStateExecutor,
          dial: DialExecutor,
          notification: NotificationExecutor,
        },
      });
    const mistyped = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `dial` given the executor of `log`, whose params differ
        executors: {
          createSession: CreateSessionExecutor,
          setAgentState: SetAgentStateExecutor,
          dial: WriteLogExecutor,
          notification: NotificationExecutor,
          log: WriteLogExecutor,
        },
      });
    expectTypeOf(complete).toBeFunction();
    expectTypeOf(missing).toBeFunction();
    expectTypeOf(mistyped).toBeFunction();
  });
});
