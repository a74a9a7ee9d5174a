import { SwitchboardError } from '@switchboard/core';

/** The environment variable that overrides `admin.port` (tests and side-by-side daemons set it). */
export const adminPortVariable = 'SWITCHBOARD_ADMIN_PORT';

/**
 * The admin port `SWITCHBOARD_ADMIN_PORT` asks for: a whole number from 0 (any free port) to 65535.
 * Unset or empty: no override. Anything else is refused with a message that names the variable.
 */
export function adminPortOverride(env: NodeJS.ProcessEnv): { port?: number; error?: SwitchboardError } {
  const value = env[adminPortVariable];
  if (value === undefined || value === '') return {};
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (port >= 0 && port <= 65535) return { port };
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return {
    error: new SwitchboardError(
      'SWB_USAGE',
      `${adminPortVariable}=${JSON.stringify(shown)} is not a port: use a number from 0 (any free port) to 65535`,
    ),
  };
}
