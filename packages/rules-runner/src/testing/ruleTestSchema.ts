/** JSON Schema of a rule test file (`*.test.yaml`); published as `schemas/rule-test.schema.json`. */
export const ruleTestSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://switchboard.dev/schemas/rule-test.schema.json',
  title: 'Switchboard rule test file',
  type: 'object',
  required: ['tests'],
  properties: {
    $schema: { type: 'string' },
    tests: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'given', 'expect'],
        properties: {
          name: { type: 'string', minLength: 1 },
          given: {
            type: 'array',
            minItems: 1,
            description:
              'Events in order: normalized (`type: …`) or vendor payloads (`vendor: {…}`), with `source`.',
            items: { type: 'object' },
          },
          replies: {
            type: 'array',
            description: 'Canned results for actions (e.g. an `http` lookup), first match wins.',
            items: {
              type: 'object',
              required: ['action'],
              properties: {
                action: { type: 'string' },
                when: { type: 'object', description: 'Params the request must contain.' },
                result: {},
                fail: { type: 'string', description: 'Make the action fail with this message.' },
              },
              additionalProperties: false,
            },
          },
          expect: {
            type: 'array',
            description: 'Actions in the order they must happen: `- <action>: {params}` with optional `via`.',
            items: { type: 'object', minProperties: 1 },
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
