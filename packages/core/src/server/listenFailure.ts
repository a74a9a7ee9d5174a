import { describeError, SwitchboardError } from '../errors/index.js';

const reasons = new Map<string, string>([
  ['EADDRINUSE', 'the port is in use'],
  ['EACCES', 'permission denied (ports below 1024 need privileges)'],
  ['EADDRNOTAVAIL', 'the address is not one of this machine'],
  ['ENOTFOUND', 'the host name does not resolve'],
]);

/** Error codes of a listen failure that the host setting (not the port) must fix. */
export const hostListenErrors: ReadonlySet<string> = new Set(['EADDRNOTAVAIL', 'ENOTFOUND']);

/** A listen error in words: which server, where, and why (`the port is in use`), not Node's raw text. */
export function listenFailure(server: string, host: string, port: number, error: unknown): SwitchboardError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code !== undefined && reasons.get(code)) || describeError(error);
  const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new SwitchboardError('SWB_LISTEN_FAILED', `the ${server} cannot listen on ${where}: ${reason}`, {
    cause: error,
  });
}
