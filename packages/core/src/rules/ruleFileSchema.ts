import { coreActionSpecs } from '../actions/builtin/coreActionSpecs.js';
import { normalizedEventTypes } from '../events/NormalizedEvent.js';

/** Modifiers an action item may carry besides its one action key. */
export const actionModifiers = ['via', 'save', 'timeout', 'onError', 'allowHosts'] as const;

const allowHosts = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', minLength: 1 },
  description:
    "Hosts a URL may go to when a `{{ }}` value decides its host: names or IP addresses, exact, or `.example.com` for every name under example.com. Without it, a value in a URL's host is a load error.",
} as const;

const eventTypeNames = normalizedEventTypes.map((t) => ({ const: t }));

/**
 * Builds the JSON Schema of a rule file. Without `actions`, action items are checked for shape only
 * (the rule compiler checks each action's params against the configured adapters' specs); with
 * `actions`, each action's params schema is included, for editors.
 */
export function buildRuleFileSchema(actions?: Readonly<Record<string, { params: object }>>) {
  const actionProperties = actions
    ? Object.fromEntries(Object.entries(actions).map(([name, spec]) => [name, spec.params]))
    : {};
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://switchboard.dev/schemas/rules.schema.json',
    title: 'Switchboard rule file',
    type: 'object',
    required: ['rules'],
    properties: {
      $schema: { type: 'string' },
      rules: { type: 'array', items: { $ref: '#/definitions/rule' } },
    },
    additionalProperties: false,
    definitions: { ...definitions, action: actionItemSchema(actionProperties, actions !== undefined) },
  } as const;
}

const definitions = {
  eventName: {
    anyOf: [
      ...eventTypeNames,
      {
        type: 'string',
        pattern: '^[a-z]+\\.\\*$',
        description: 'every normalized type of a family, e.g. call.*',
      },
      {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_.:-]+$',
        description: '<adapter>.<vendor event>',
      },
    ],
  },
  rule: {
    type: 'object',
    required: ['name', 'on', 'do'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      description: { type: 'string' },
      enabled: { type: 'boolean', default: true },
      on: {
        description: 'Event type(s): a normalized type, `call.*`, or a vendor event `<adapter>.<name>`.',
        anyOf: [
          { $ref: '#/definitions/eventName' },
          { type: 'array', minItems: 1, items: { $ref: '#/definitions/eventName' } },
        ],
      },
      from: {
        description: 'Only events from these adapter instances.',
        anyOf: [{ type: 'string' }, { type: 'array', minItems: 1, items: { type: 'string' } }],
      },
      if: { description: 'A json-logic condition (json-logic-js semantics).', type: ['object', 'boolean'] },
      stop: { type: 'boolean', description: 'When this rule matches, later rules are not evaluated.' },
      allowHosts: { ...allowHosts, description: `${allowHosts.description} For every action of the rule.` },
      do: { type: 'array', minItems: 1, items: { $ref: '#/definitions/action' } },
    },
    additionalProperties: false,
  },
};

function actionItemSchema(actionProperties: Record<string, object>, forEditors: boolean) {
  return {
    type: 'object',
    minProperties: 1,
    properties: {
      via: { type: 'string', description: 'Adapter instance that carries the action out.' },
      save: {
        type: 'string',
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        description: 'Store the result as vars.<name>.',
      },
      timeout: { type: 'integer', minimum: 1, description: 'ms before the action counts as failed.' },
      onError: {
        enum: ['stop', 'continue'],
        description: 'After a failure: skip (default) or run the next actions.',
      },
      allowHosts: { ...allowHosts, description: `${allowHosts.description} Replaces the rule's list.` },
      ...actionProperties,
    },
    // For editors, unknown keys must at least be objects; the compiler checks the rest with better messages.
    additionalProperties: forEditors ? { type: ['object', 'null'] } : {},
  };
}

/**
 * JSON Schema of a rule file, published as `schemas/rules.schema.json` so editors check and complete
 * rule files (`# yaml-language-server: $schema=…`). The structural part is checked with it; what
 * depends on the configured adapters (event names, actions, `via`) is checked by the rule compiler.
 * `rules-runner schema` writes a variant that also knows every configured adapter's actions.
 */
export const ruleFileSchema = buildRuleFileSchema({ ...coreActionSpecs });
