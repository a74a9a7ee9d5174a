import { SwitchboardError } from '@switchboard/core';
import { adminPortOverride, adminPortVariable } from '../config/adminPortOverride.js';
import type { DaemonConfig } from '../config/DaemonConfig.js';
import type { Prepared } from '../daemon/prepare.js';

export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** The variable that turns hot reload off (`false`, `0`, `no`, `off`) like `--no-watch`. */
export const watchVariable = 'SWITCHBOARD_WATCH';

/** `start`'s command-line flags (commander fills `logLevel`/`logFormat` from their env variables too). */
export interface StartFlags {
  readonly config: string;
  readonly logLevel?: string;
  readonly logFormat?: string;
  readonly adminPort?: string;
  /** false for `--no-watch`. */
  readonly watch?: boolean;
}

/** What the command line changes in the config for this run. */
export interface StartOverrides {
  readonly log?: { level?: string; format?: DaemonConfig['log']['format'] };
  readonly watch?: boolean;
  /** Read as `SWITCHBOARD_ADMIN_PORT` is (one parser, one message for a bad value). */
  readonly adminPort?: string;
}

const falsy = ['false', '0', 'no', 'off'];
const truthy = ['true', '1', 'yes', 'on'];

/** Flags and environment → overrides; a `SWITCHBOARD_WATCH` that is no yes/no is a usage error. */
export function startOverrides(
  flags: StartFlags,
  env: NodeJS.ProcessEnv,
): { value: StartOverrides; error?: SwitchboardError } {
  const raw = env[watchVariable]?.trim().toLowerCase();
  let watch: boolean | undefined = flags.watch === false ? false : undefined;
  if (watch === undefined && raw !== undefined && raw !== '') {
    if (falsy.includes(raw)) watch = false;
    else if (truthy.includes(raw)) watch = true;
    else {
      const error = new SwitchboardError(
        'SWB_USAGE',
        `${watchVariable}=${JSON.stringify(env[watchVariable])} is not true or false (use false to turn hot reload off)`,
      );
      return { value: {}, error };
    }
  }
  if (
    flags.adminPort !== undefined &&
    adminPortOverride({ [adminPortVariable]: flags.adminPort }).port === undefined
  ) {
    const error = new SwitchboardError(
      'SWB_USAGE',
      `--admin-port ${JSON.stringify(flags.adminPort)} is not a port: use a number from 0 (any free port) to 65535`,
    );
    return { value: {}, error };
  }
  const log = {
    ...(flags.logLevel ? { level: flags.logLevel } : {}),
    ...(flags.logFormat ? { format: flags.logFormat as DaemonConfig['log']['format'] } : {}),
  };
  return {
    value: {
      ...(Object.keys(log).length > 0 ? { log } : {}),
      ...(watch !== undefined ? { watch } : {}),
      ...(flags.adminPort !== undefined ? { adminPort: flags.adminPort } : {}),
    },
  };
}

/** The environment `prepare` reads, with `--admin-port` standing in for `SWITCHBOARD_ADMIN_PORT`. */
export function environmentFor(overrides: StartOverrides, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return overrides.adminPort === undefined ? env : { ...env, [adminPortVariable]: overrides.adminPort };
}

/** The prepared config with the command line's log settings and hot-reload switch. */
export function withOverrides(prepared: Prepared, overrides: StartOverrides): Prepared {
  const config = prepared.config;
  if (!config) return prepared;
  return {
    ...prepared,
    config: {
      ...config,
      log: { ...config.log, ...overrides.log },
      watch: overrides.watch ?? config.watch,
    },
  };
}
