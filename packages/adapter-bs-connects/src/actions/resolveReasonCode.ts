import { isRecord } from '@switchboard/core';
import { bsConnectsErrors } from '../errors.js';

interface ReasonCode {
  readonly id: string;
  readonly label: string;
}

function readList(response: unknown): ReasonCode[] | undefined {
  if (!Array.isArray(response)) return undefined;
  return response.flatMap((item: unknown) => {
    if (!isRecord(item)) return [];
    const { id, label } = item;
    return id === undefined || id === null ? [] : [{ id: String(id), label: String(label ?? '') }];
  });
}

/**
 * Finds a reason code in the agent's `getReasonCodeList` reply, by id or (for readable rules) by label,
 * and returns its id. Throws naming the codes that exist when it is not there. A reply that is not a
 * list cannot be checked: the code is used as given.
 */
export function resolveReasonCode(code: string, state: string, response: unknown): string {
  const list = readList(response);
  if (!list) return code;
  const byId = list.find((r) => r.id === code);
  if (byId) return byId.id;
  const byLabel = list.find((r) => r.label.toLowerCase() === code.toLowerCase());
  if (byLabel) return byLabel.id;
  const known = list.map((r) => `${r.id} (${r.label})`).join(', ') || 'none';
  throw bsConnectsErrors.error(
    'BS_UNKNOWN_REASON_CODE',
    `reason code \`${code}\` is not a ${state} reason code of this agent; known: ${known}`,
  );
}
