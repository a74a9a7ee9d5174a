import { describe, expectTypeOf, test } from 'vitest';
import type { ContextOf, InstanceContext, OptionsOf, ParamsOf } from '../src/index.js';

// Compile-time checks of what adapters rely on (`npm run typecheck`): a TypeScript or json-schema-to-ts
// upgrade that changes the inference fails here first, not in an adapter.

const options = {
  type: 'object',
  required: ['url', 'origins'],
  properties: {
    url: { type: 'string', pattern: '^https?://' },
    token: { type: 'string', 'x-secret': true },
    mode: { enum: ['a', 'b'], default: 'a' },
    origins: { anyOf: [{ const: '*' }, { type: 'array', items: { type: 'string' } }] },
    timeoutMs: { type: 'integer', exclusiveMinimum: 0, default: 1000 },
    value: { type: ['string', 'number', 'boolean'] },
    retry: {
      type: 'object',
      properties: { initialMs: { type: 'integer', default: 500 } },
      additionalProperties: false,
      default: {},
    },
  },
  additionalProperties: false,
} as const;

const open = { type: 'string', 'x-template': 'url', default: '{{ call.peer }}' } as const;
const spec = {
  description: 'x',
  params: {
    type: 'object',
    required: ['url'],
    properties: { url: open, n: { type: 'number' } },
    additionalProperties: false,
  },
} as const;

describe('types inferred from `as const` schemas', () => {
  test('options: required and defaulted properties are required, the others optional', () => {
    type O = OptionsOf<typeof options>;
    expectTypeOf<O['url']>().toEqualTypeOf<string>();
    expectTypeOf<O['token']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<O['mode']>().toEqualTypeOf<'a' | 'b'>();
    expectTypeOf<O['origins']>().toEqualTypeOf<'*' | string[]>();
    expectTypeOf<O['timeoutMs']>().toEqualTypeOf<number>();
    expectTypeOf<O['value']>().toEqualTypeOf<string | number | boolean | undefined>();
    expectTypeOf<O['retry']['initialMs']>().toEqualTypeOf<number>();
    expectTypeOf<ContextOf<{ optionsSchema: typeof options }>>().toEqualTypeOf<InstanceContext<O>>();
  });

  test('params: x-template and template defaults pass; a misspelled param is a compile error', () => {
    type P = ParamsOf<typeof spec>;
    expectTypeOf<P['url']>().toEqualTypeOf<string>();
    expectTypeOf<P['n']>().toEqualTypeOf<number | undefined>();
    const misuse = (p: P): unknown => {
      // @ts-expect-error `urll` is not a param
      return p.urll;
    };
    expectTypeOf(misuse).toBeFunction();
  });

  test('a fragment without `as const` widens and infers nothing (the reason fragments must be const)', () => {
    const loose = { type: 'string' as string };
    const widened = { params: { type: 'object', properties: { a: loose } } } as const;
    expectTypeOf<ParamsOf<typeof widened>>().toEqualTypeOf<never>();
  });
});
