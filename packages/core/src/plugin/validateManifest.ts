import semver from 'semver';
import { SwitchboardError } from '../errors/index.js';
import { normalizedEventTypes } from '../events/NormalizedEvent.js';
import { createAjv } from '../schemas/createAjv.js';
import { coreVersion } from '../version.js';
import type { AdapterManifest } from './AdapterManifest.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks what an adapter package exports before anything starts: the manifest's shape, the core
 * version range, and that its options and action schemas compile. `from` names the package in messages.
 */
export function validateManifest(value: unknown, from: string): AdapterManifest {
  const fail = (message: string): never => {
    throw new SwitchboardError('SWB_PLUGIN_MANIFEST', `${from}: ${message}`);
  };
  if (!isObject(value))
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
  if (!isObject(m.optionsSchema)) fail('`optionsSchema` must be a JSON Schema object');
  if (!isObject(m.emits) || !Array.isArray(m.emits.events))
    fail('`emits.events` must be a list of event types');
  for (const type of m.emits.events) {
    if (!(normalizedEventTypes as readonly string[]).includes(type))
      fail(`emits unknown event type \`${type}\``);
  }
  if (!isObject(m.actions)) fail('`actions` must be an object of action specs');
  const module = m.module as unknown;
  if (!isObject(module) || typeof (module as { load?: unknown }).load !== 'function') {
    fail('`module` must be an inversify ContainerModule');
  }
  const ajv = createAjv({ useDefaults: true });
  try {
    ajv.compile(m.optionsSchema);
  } catch (error) {
    fail(`optionsSchema does not compile: ${(error as Error).message}`);
  }
  for (const [name, spec] of Object.entries(m.actions)) {
    if (!isObject(spec) || !isObject(spec.params)) fail(`action \`${name}\` needs a \`params\` JSON Schema`);
    try {
      ajv.compile(spec.params);
    } catch (error) {
      fail(`params schema of action \`${name}\` does not compile: ${(error as Error).message}`);
    }
  }
  return m;
}
