import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { InstanceContext } from './InstanceContext.js';

/**
 * The TypeScript type of values valid against a JSON Schema written `as const` (json-schema-to-ts).
 * Properties with a `default` come out required: what the runtime hands over has defaults applied.
 * Computed where it is used, never as a constraint of `defineAdapter` (that costs millions of
 * instantiations).
 */
export type FromJsonSchema<S> = S extends JSONSchema ? FromSchema<S> : never;

/** An adapter's options type, from its `optionsSchema`: `type AcmeOptions = OptionsOf<typeof acmeOptionsSchema>`. */
export type OptionsOf<S> = FromJsonSchema<S>;

/** An action's params type, from its spec: `ParamsOf<(typeof acmeActions)['openUrl']>`. */
export type ParamsOf<Spec> = Spec extends { readonly params: infer P } ? FromJsonSchema<P> : never;

/** The instance context of a manifest (or definition) with its typed options. */
export type ContextOf<M> = M extends { readonly optionsSchema: infer O }
  ? InstanceContext<OptionsOf<O>>
  : never;
