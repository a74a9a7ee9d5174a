import type { DeploymentContext } from '@switchboard/core';
import type { XucmgtOptions } from '../options.js';

/**
 * The manifest's `deploymentWarnings`: a web service others can reach without `secret` answers
 * anyone's made-up call with the rules' answer (CRM lookups included). `validate` and `start` print it.
 */
export function deploymentWarnings(options: XucmgtOptions, context: DeploymentContext): readonly string[] {
  if (options.secret !== undefined || !context.serverExposed) return [];
  return [
    `the XucMgt web service is reachable beyond this machine (server.host ${context.serverHost}) and has no \`secret\`: anyone who can reach it can POST made-up calls, run the rules and read their answers. Set \`secret\` and add ?key=<secret> to THIRD_PARTY_URL`,
  ];
}
