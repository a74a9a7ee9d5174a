import { type ActionExecutor, type ActionRequest, defineAdapter, type OptionsOf } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import { type EightByEightParams, eightByEightActions } from '../src/actionSpecs.js';
import { DialExecutor } from '../src/actions/DialExecutor.js';
import { EightByEightRuntime } from '../src/EightByEightRuntime.js';
import {
  type EightByEightContext,
  type EightByEightOptions,
  eightByEightOptionsSchema,
  type MaestroOptions,
  type SapiOptions,
} from '../src/options.js';

// The checks below are compile-time: `npm run typecheck` (part of `npm test`) fails when one breaks. The
// `@ts-expect-error` lines fail the typecheck if the line they mark ever compiles.

describe('options and params are typed from the schemas', () => {
  it('infers the options, defaults applied (so required)', () => {
    expectTypeOf<EightByEightOptions>().toEqualTypeOf<OptionsOf<typeof eightByEightOptionsSchema>>();
    expectTypeOf<EightByEightContext['options']>().toEqualTypeOf<EightByEightOptions>();
    expectTypeOf<SapiOptions['tenant']>().toEqualTypeOf<string>();
    expectTypeOf<SapiOptions['outputType']>().toEqualTypeOf<
      'NEWLINE_JSON' | 'JSON' | 'NEWLINE_XML' | 'XML'
    >();
    expectTypeOf<SapiOptions['retry']['initialMs']>().toEqualTypeOf<number>();
    expectTypeOf<SapiOptions['readTimeoutSeconds']>().toEqualTypeOf<number>();
    expectTypeOf<SapiOptions['subscriptionId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<MaestroOptions['allowedOrigins']>().toEqualTypeOf<string[]>();
    expectTypeOf<MaestroOptions['dialTimeoutMs']>().toEqualTypeOf<number>();
    expectTypeOf<MaestroOptions['defaultCountry']>().toEqualTypeOf<string | undefined>();
  });

  it('infers the params of `dial`', () => {
    expectTypeOf<EightByEightParams<'dial'>['phoneNumber']>().toEqualTypeOf<string | number>();
    expectTypeOf<EightByEightParams<'dial'>['agent']>().toEqualTypeOf<string>();
    expectTypeOf<EightByEightParams<'dial'>['country']>().toEqualTypeOf<string | undefined>();
  });

  it('makes a misspelled option or param a compile error', () => {
    const misuse = (
      ctx: EightByEightContext,
      request: ActionRequest<EightByEightParams<'dial'>>,
    ): unknown[] => [
      // @ts-expect-error `sapii` is no option of the adapter
      ctx.options.sapii,
      // @ts-expect-error `dialTimeoutMS` is no option of `maestro`
      ctx.options.maestro?.dialTimeoutMS,
      // @ts-expect-error `retry.initalMs` is no option of `sapi`
      ctx.options.sapi?.retry.initalMs,
      // @ts-expect-error `phoneNumbr` is no param of `dial`
      request.params.phoneNumbr,
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
      optionsSchema: eightByEightOptionsSchema,
      emits: { events: [] },
      actions: eightByEightActions,
      runtime: EightByEightRuntime,
    } as const;
    /** An executor of another action, whose params share nothing with `dial`'s. */
    class OpenUrl implements ActionExecutor<{ readonly url: string }> {
      execute(request: ActionRequest<{ readonly url: string }>): string {
        return request.params.url;
      }
    }
    const complete = () => defineAdapter({ ...base, executors: { dial: DialExecutor } });
    const missing = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `dial` has no executor
        executors: {},
      });
    const mistyped = () =>
      defineAdapter({
        ...base,
        // @ts-expect-error `dial` given an executor whose params are not `dial`'s
        executors: { dial: OpenUrl },
      });
    expectTypeOf(complete).toBeFunction();
    expectTypeOf(missing).toBeFunction();
    expectTypeOf(mistyped).toBeFunction();
  });
});
