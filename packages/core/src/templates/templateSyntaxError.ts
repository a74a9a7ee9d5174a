import { SwitchboardError } from '../errors/index.js';

/** A `SWB_TEMPLATE_SYNTAX` error whose message ends with the character offset of the problem. */
export function templateSyntaxError(problem: string, offset: number): SwitchboardError {
  return new SwitchboardError('SWB_TEMPLATE_SYNTAX', `${problem} at offset ${offset} of the template`);
}
