import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createAjv, SourceDocument, SwitchboardError, schemaProblems } from '@switchboard/core';
import { interpolateEnv } from '@switchboard/core/host';
import { isLoopback } from '../admin/isLoopback.js';
import { adminPortOverride, adminPortVariable } from './adminPortOverride.js';
import { checkStateConfig, redisUrlSecrets } from './checkStateConfig.js';
import { configSchema } from './configSchema.js';

/** The environment variable that overrides `state.dir`. */
export const stateDirVariable = 'SWITCHBOARD_STATE_DIR';

import type { DaemonConfig } from './DaemonConfig.js';

export interface LoadedConfig {
  readonly config?: DaemonConfig;
  readonly document?: SourceDocument;
  /** Absolute path of the config file. */
  readonly path: string;
  readonly dir: string;
  readonly errors: SwitchboardError[];
  /** Environment values read by `${VAR}`: redacted from every log line. */
  readonly secrets: string[];
  /** What sets the admin port: `admin.port`, or `SWITCHBOARD_ADMIN_PORT` when that overrides it. */
  readonly adminPortSetting?: string;
}

const validate = createAjv({ useDefaults: true, verbose: true }).compile(configSchema);

/** Reads `switchboard.yaml`: YAML with positions, `${VAR}` from the environment, schema and defaults. */
export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const path = resolve(file);
  const dir = dirname(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    return {
      path,
      dir,
      secrets: [],
      errors: [
        new SwitchboardError('SWB_CONFIG_NOT_FOUND', `config file ${reason} (use --config <file>)`, {
          position: { file, line: 1, col: 1 },
        }),
      ],
    };
  }
  const parsed = SourceDocument.parse(file, text);
  if (!parsed.document) return { path, dir, errors: parsed.errors, secrets: [] };
  const document = parsed.document;
  const interpolated = interpolateEnv(document, env);
  const value = interpolated.value ?? {};
  const errors = [...interpolated.errors];
  if (!validate(value)) {
    // A value left empty by a missing ${VAR} is reported once, as the missing variable.
    const emptied = new Set(errors.map((e) => (e.path ?? []).join('.')));
    const problems = schemaProblems(document, validate.errors, [], 'the config').filter(
      (p) => !emptied.has((p.path ?? []).join('.')),
    );
    errors.push(...problems);
    if (problems.length > 0 || emptied.size === 0)
      return { path, dir, document, errors, secrets: interpolated.secrets };
  }
  let config = value as DaemonConfig;
  const override = adminPortOverride(env);
  if (override.error) errors.push(override.error);
  if (override.port !== undefined) config = { ...config, admin: { ...config.admin, port: override.port } };
  // Tests and side-by-side daemons give each daemon its own state folder (an absolute path, or relative
  // to the working directory) without editing the config.
  const stateDir = env[stateDirVariable];
  if (stateDir) config = { ...config, state: { ...config.state, dir: resolve(stateDir) } };
  errors.push(...checkStateConfig(config, document));
  // Every ${VAR} is a secret, except the node's id (`id: ${HOSTNAME}`): it names the node in logs,
  // `/readyz` and metrics, which would show it redacted.
  const secrets = [
    ...interpolated.secrets.filter((secret) => secret !== config.node.id),
    ...redisUrlSecrets(config.state.redis?.url ?? ''),
  ];
  if (!isLoopback(config.admin.host) && !config.admin.token) {
    errors.push(
      document.error(
        'SWB_SCHEMA',
        'the admin surface on a non-loopback address needs `admin.token` (e.g. token: ${ADMIN_TOKEN})',
        ['admin', 'host'],
      ),
    );
  }
  // Missing environment variables are reported, and the rest is still checked so every problem shows at once.
  return {
    config,
    document,
    path,
    dir,
    errors,
    secrets,
    adminPortSetting: override.port === undefined ? 'admin.port' : adminPortVariable,
  };
}
