import { SwitchboardError } from '@switchboard/core';
import { hostListenErrors } from '@switchboard/core/host';
import { adminPortVariable } from '../config/adminPortOverride.js';
import type { LoadedConfig } from '../config/loadConfig.js';

/** Which server could not listen: the admin surface, or the HTTP surface adapters serve on. */
export type ServerSetting = 'admin' | 'server';

/**
 * A start-up error with what to change in the user's terms: the config setting (and file) behind a
 * port in use or a start timeout. Other errors are returned as they are.
 */
export function withStartupHint(
  error: unknown,
  loaded: LoadedConfig,
  server: ServerSetting = 'server',
): unknown {
  if (!SwitchboardError.is(error)) return error;
  const where = `in ${loaded.path}`;
  if (error.code === 'SWB_ADAPTER_TIMEOUT')
    return withHint(error, `raise \`startup.adapterTimeout\` ${where} if it needs longer`);
  if (error.code !== 'SWB_LISTEN_FAILED') return error;
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (hostListenErrors.has(code))
    return withHint(error, `set \`${server}.host\` ${where} to an address of this machine`);
  const setting = server === 'admin' ? (loaded.adminPortSetting ?? 'admin.port') : 'server.port';
  return withHint(
    error,
    setting === adminPortVariable
      ? `set ${setting} to a free port (0 picks any)`
      : `set \`${setting}\` ${where} to a free port`,
  );
}

function withHint(error: SwitchboardError, hint: string): SwitchboardError {
  return new SwitchboardError(error.code, `${error.message}; ${hint}`, {
    ...(error.position ? { position: error.position } : {}),
    cause: error.cause ?? error,
  });
}
