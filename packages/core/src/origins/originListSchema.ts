/**
 * An options-schema fragment for a list of allowed browser origins (new adapters; existing option names
 * and shapes stay): `allowedOrigins: originListSchema`. `OriginPolicy.from` checks each entry at start.
 */
export const originListSchema = {
  anyOf: [{ const: '*' }, { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true }],
  description:
    'Page origins allowed to connect (`https://crm.example.com`: scheme, host and port), or `*` for any.',
} as const;
