import type { OptionsOf } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { FieldSpec, MappingOptions } from '../src/index.js';
import {
  type HmacAuth,
  type WebhookContext,
  type WebhookOptions,
  webhookOptionsSchema,
} from '../src/options.js';

// Compile-time checks: `npm run typecheck` fails when one breaks, and each `@ts-expect-error` fails it
// if the line it marks ever compiles.

describe('the options are typed from the schema', () => {
  it('infers them, defaults applied (so required); `mapping` has its written type', () => {
    expectTypeOf<WebhookOptions['sync']>().toEqualTypeOf<boolean>();
    expectTypeOf<WebhookOptions['bodyLimit']>().toEqualTypeOf<number>();
    expectTypeOf<WebhookOptions['auth']['bearer']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<HmacAuth['algorithm']>().toEqualTypeOf<'sha256' | 'sha512' | 'sha1'>();
    expectTypeOf<HmacAuth['prefix']>().toEqualTypeOf<string>();
    expectTypeOf<WebhookOptions['mapping']>().toEqualTypeOf<MappingOptions>();
    expectTypeOf<WebhookOptions['mapping']['type']>().toEqualTypeOf<FieldSpec>();
    expectTypeOf<Omit<WebhookOptions, 'mapping'>>().toEqualTypeOf<
      Omit<OptionsOf<typeof webhookOptionsSchema>, 'mapping'>
    >();
    expectTypeOf<WebhookContext['options']>().toEqualTypeOf<WebhookOptions>();
  });

  it('makes a misspelled option a compile error', () => {
    const misuse = (ctx: WebhookContext): unknown[] => [
      // @ts-expect-error `synch` is no option of the adapter (it is `sync`)
      ctx.options.synch,
      // @ts-expect-error `auth.bearerToken` is no option either (it is `auth.bearer`)
      ctx.options.auth.bearerToken,
      // @ts-expect-error `hmac.algo` is no option (it is `algorithm`)
      ctx.options.auth.hmac?.algo,
      // @ts-expect-error `mapping.vars_from` is no option (it is `varsFrom`)
      ctx.options.mapping.vars_from,
    ];
    expectTypeOf(misuse).toBeFunction();
  });
});
