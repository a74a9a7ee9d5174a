import semver from 'semver';
import type { AdapterManifest } from '../contract/defineAdapter.js';
import { errorPrefixPattern, SwitchboardError } from '../errors/index.js';
import { normalizedEventTypes } from '../events/NormalizedEvent.js';
import { createAjv } from '../schemas/createAjv.js';
import { isRecord } from '../util/isRecord.js';
import { coreVersion } from '../version.js';

const isFunction = (v: unknown): v is (...args: unknown[]) => unknown => typeof v === 'function';

/**
 * Checks what an adapter package exports before anything starts: the manifest's shape, the core
 * version range, that its options and action schemas compile, that every action has an executor and
 * that its error catalog is its own. `from` names the package in messages.
 */
export function validateManifest(value: unknown, from: string): AdapterManifest {
  const fail = (message: string): never => {
    throw new SwitchboardError('SWB_PLUGIN_MANIFEST', `${from}: ${message}`);
  };
  if (!isRecord(value))
    return fail('does not export an adapter manifest (export default defineAdapter({…}))');
  for (const key of ['name', 'packageName', 'version', 'core', 'description'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '')
      fail(`manifest field \`${key}\` must be a non-empty string`);
  }
  const m = value as unknown as AdapterManifest;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(m.name))
    fail(`manifest name \`${m.name}\` must be lowercase letters, digits and -`);
  if (!semver.validRange(m.core)) fail(`core range \`${m.core}\` is not a semver range`);
  if (!semver.satisfies(coreVersion, m.core, { includePrerelease: true })) {
    throw new SwitchboardError(
      'SWB_PLUGIN_CORE_VERSION',
      `${from} ${m.version} needs @switchboard/core ${m.core}, this is ${coreVersion}`,
    );
  }
  if (!isRecord(m.optionsSchema)) fail('`optionsSchema` must be a JSON Schema object');
  if (!isRecord(m.emits) || !Array.isArray(m.emits.events))
    fail('`emits.events` must be a list of event types');
  for (const type of m.emits.events) {
    if (!(normalizedEventTypes as readonly string[]).includes(type))
      fail(`emits unknown event type \`${type}\``);
  }
  if (!isRecord(m.actions)) fail('`actions` must be an object of action specs');
  checkBindings(value, Object.keys(m.actions), fail);
  checkErrors(value.errors, fail);
  const ajv = createAjv({ useDefaults: true });
  try {
    ajv.compile(m.optionsSchema);
  } catch (error) {
    fail(`optionsSchema does not compile: ${(error as Error).message}`);
  }
  for (const [name, spec] of Object.entries(m.actions)) {
    if (!isRecord(spec) || !isRecord(spec.params)) fail(`action \`${name}\` needs a \`params\` JSON Schema`);
    try {
      ajv.compile((spec as { params: object }).params);
    } catch (error) {
      fail(`params schema of action \`${name}\` does not compile: ${(error as Error).message}`);
    }
  }
  return m;
}

/** A legacy `module`, or `runtime` with one executor per action. */
function checkBindings(
  m: Record<string, unknown>,
  actions: readonly string[],
  fail: (message: string) => never,
): void {
  if (m.module !== undefined) {
    if (!isRecord(m.module) || !isFunction(m.module.load))
      fail('`module` must be an inversify ContainerModule');
    return;
  }
  if (!isFunction(m.runtime)) fail('`runtime` must be the class of the adapter runtime');
  if (!isRecord(m.executors)) fail('`executors` must name an executor for each action');
  const executors = m.executors as Record<string, unknown>;
  const missing = actions.filter((a) => !isFunction(executors[a]));
  if (missing.length > 0) fail(`no executor for action(s) ${missing.join(', ')} in \`executors\``);
  const extra = Object.keys(executors).filter((a) => !actions.includes(a));
  if (extra.length > 0)
    fail(`\`executors\` names action(s) ${extra.join(', ')} that \`actions\` does not declare`);
  if (m.services !== undefined && (!Array.isArray(m.services) || !m.services.every(isFunction)))
    fail('`services` must be a list of classes');
}

/** The adapter's own prefix (never core's `SWB`), and every code under it. */
function checkErrors(errors: unknown, fail: (message: string) => never): void {
  if (errors === undefined) return;
  if (!isRecord(errors) || typeof errors.prefix !== 'string' || !isRecord(errors.codes))
    fail('`errors` must be a catalog made with defineErrorCodes');
  const { prefix, codes } = errors as { prefix: string; codes: Record<string, unknown> };
  if (!errorPrefixPattern.test(prefix) || prefix === 'SWB')
    fail(`error prefix \`${prefix}\` must be 2 to 16 upper-case letters or digits, not SWB`);
  const foreign = Object.keys(codes).filter((code) => !code.startsWith(`${prefix}_`));
  if (foreign.length > 0) fail(`error code(s) ${foreign.join(', ')} do not start with \`${prefix}_\``);
}
