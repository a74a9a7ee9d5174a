import type { DeploymentContext } from '@switchboard/core';
import type { XucmgtOptions } from '../XucmgtOptions.js';

/**
 * The manifest's `deploymentWarnings`: a web service others can reach without `secret` answers
 * anyone's made-up call with the rules' answer (CRM lookups included). `validate` and `start` print it.
 */
export function deploymentWarnings(options: unknown, context: DeploymentContext): readonly string[] {
  const { secret } = options as Pick<XucmgtOptions, 'secret'>;
  if (secret !== undefined || !context.serverExposed) return [];
  return [
    `the XucMgt web service is reachable beyond this machine (server.host ${context.serverHost}) and has no \`secret\`: anyone who can reach it can POST made-up calls, run the rules and read their answers. Set \`secret\` and add ?key=<secret> to THIRD_PARTY_URL`,
  ];
}
