import { defineErrorCodes } from './defineErrorCodes.js';

/**
 * Every error code core and the rules-runner raise, with a one-line description. `docs/errors.md` at the
 * repository root lists the same codes; a test keeps the two in step and checks each is raised somewhere.
 * Adapters declare their own catalogs with `defineErrorCodes` (`XC_…`, `X8_…`).
 */
export const coreErrors = defineErrorCodes('SWB', {
  SWB_YAML_SYNTAX: 'A YAML file cannot be parsed.',
  SWB_SCHEMA: 'A rule, config or test file does not match its JSON Schema.',
  SWB_RULE_UNKNOWN_EVENT: 'A rule names an event type no configured adapter emits.',
  SWB_RULE_UNKNOWN_ACTION: 'A rule uses an action that does not exist.',
  SWB_RULE_UNSUPPORTED_ACTION: 'A rule sends an action to an adapter instance that cannot carry it out.',
  SWB_RULE_UNKNOWN_INSTANCE: 'A rule names an adapter instance (`via`, `from`) that is not configured.',
  SWB_RULE_UNKNOWN_OPERATOR: 'A condition uses a json-logic operator that does not exist or is not allowed.',
  SWB_RULE_BAD_CONDITION: 'A condition is not valid json-logic.',
  SWB_RULE_DUPLICATE_NAME: 'Two rules have the same name.',
  SWB_RULE_BAD_PARAMS: "An action's parameters do not match the action's JSON Schema.",
  SWB_RULE_UNKNOWN_FIELD:
    'A rule reads a field no event of its `on` types carries, such as `call.queu` (a warning; an error with `validate --strict`).',
  SWB_RULE_BAD_ALLOW_HOSTS: 'An `allowHosts` entry is not a host name, an IP address or a `.suffix`.',
  SWB_TEMPLATE_SYNTAX: 'A `{{ }}` template cannot be parsed.',
  SWB_TEMPLATE_PLACEMENT: 'A template value is placed where it could decide where a URL request goes.',
  SWB_TEMPLATE_RENDER: 'A template cannot be rendered with the data of an event.',
  SWB_URL_HOST_NOT_ALLOWED: 'A URL whose host comes from a value names a host not in `allowHosts`.',
  SWB_CONFIG_MISSING_ENV: 'The config reads an environment variable that is not set.',
  SWB_CONFIG_NOT_FOUND: 'A config, rule or test file does not exist.',
  SWB_CONFIG_NO_RULES: 'The config has no rules, and `allowNoRules` does not allow that.',
  SWB_STATE_DIR: 'The state folder (`state.dir`) cannot be created or written.',
  SWB_STATE_LOCKED: 'Another running daemon holds the state folder.',
  SWB_STATE_CORRUPT: 'The state store cannot be read: restore its backup, or move it away to start empty.',
  SWB_STATE_UNAVAILABLE: 'The state store cannot commit a write (disk full, store closed or unreachable).',
  SWB_STATE_VALUE: 'A value given to the state store is not JSON-like data.',
  SWB_STATE_FENCED:
    'A node that lost the lease of a vendor connection tried to commit (another node holds it now): refused, and its session closes.',
  SWB_STATE_BACKEND:
    'The state backend the config names cannot be loaded (`state.redis` needs `@switchboard/state-redis` installed).',
  SWB_PLUGIN_LOAD: 'An adapter package cannot be imported.',
  SWB_PLUGIN_MANIFEST: 'An adapter package does not export a valid manifest.',
  SWB_PLUGIN_CORE_VERSION: 'An adapter needs a core version this core is not.',
  SWB_PLUGIN_OPTIONS: "An adapter instance's options do not match the adapter's options schema.",
  SWB_PLUGIN_UNSAFE:
    "An adapter instance's options are valid but unsafe where the daemon serves it (a warning; the daemon starts).",
  SWB_ADAPTER_TIMEOUT: 'An adapter instance did not finish starting or stopping within its timeout.',
  SWB_EVENT_INVALID: 'An event does not match the normalized event schema.',
  SWB_ACTION_FAILED: 'An action failed when it was carried out.',
  SWB_ACTION_TIMEOUT: 'An action did not finish within its timeout.',
  SWB_ACTION_UNCONFIRMED:
    'An at-most-once action was started before a crash and never confirmed: it is not sent again.',
  SWB_ACTION_NO_EXECUTOR: 'No executor is registered for an action on an adapter instance.',
  SWB_HTTP_STATUS: 'An `http` action got a response status that is not 2xx.',
  SWB_HTTP_HEADER_VALUE: 'A header holds what HTTP cannot carry (line breaks, controls, above U+00FF).',
  SWB_HTTP_ROUTE_LATE: 'An adapter added an HTTP route after the server started listening.',
  SWB_LISTEN_FAILED: 'A server of the daemon cannot listen (its port is in use, or its host wrong).',
  SWB_REQUEST_TIMEOUT: 'An event that waits for an answer got none within its deadline.',
  SWB_USAGE: 'The command line is not valid.',
  SWB_BRIDGE_NONE: 'An action for a browser bridge found none connected for its agent.',
  SWB_BRIDGE_TIMEOUT: 'A browser bridge did not acknowledge a message within its timeout.',
  SWB_BRIDGE_GONE: 'A browser bridge disconnected before it acknowledged a message.',
  SWB_CONNECTION_LOST: "An adapter's connection failed for a reason the adapter did not classify.",
});

/** Core's codes with their descriptions (the table of `docs/errors.md`). */
export const errorCodes = coreErrors.codes;

/** A code of core's catalog. */
export type CoreErrorCode = keyof typeof errorCodes;

/**
 * Any error code: core's (suggested by editors) or a plugin's (`XC_NOT_CONNECTED`). Only codes of a
 * loaded catalog reach outcomes and metrics (see `codeOf`).
 */
export type ErrorCode = CoreErrorCode | (string & {});
