import { buildRuleFileSchema } from './ruleFileSchema.js';

const names = {
  anyOf: [
    { type: 'string', minLength: 1, description: 'an event name' },
    { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'a list of them' },
  ],
};

const condition = {
  anyOf: [
    { type: 'object', description: 'a json-logic condition (a mapping)' },
    { type: 'boolean', description: 'true or false' },
  ],
};

/**
 * What the rule compiler checks with JSON Schema before it compiles: the shape of a rule file, and of
 * each rule on its own (so one broken rule does not hide the problems of the others). Event names are
 * only required to be text here: the compiler checks them against the adapters, with suggestions, so
 * `on: answered` is one message and not one per event type.
 */
export function structuralSchemas() {
  const published = buildRuleFileSchema();
  const rule = published.definitions.rule;
  const definitions = {
    ...published.definitions,
    rule: { ...rule, properties: { ...rule.properties, on: names, if: condition } },
  };
  const file = {
    ...published,
    properties: { ...published.properties, rules: { type: 'array', items: { type: 'object' } } },
    definitions: {},
  };
  return { file, rule: { ...definitions.rule, definitions } };
}
