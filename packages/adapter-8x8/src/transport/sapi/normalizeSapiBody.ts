import { isRecord } from '@switchboard/core';
import type { SapiMsgInfo } from './SapiEvent.js';

/** Fields holding a list that a single item may flatten to an object (XML, and JSON mapped from XML). */
const listFields: Readonly<Record<string, string>> = {
  attachedData: 'attachedDatum',
  provisioningItems: 'provisioningItem',
};

/**
 * Brings a decoded event body into one shape: each list field (`attachedData.attachedDatum`,
 * `provisioningItems.provisioningItem`) is an array whether it held one item or many (or none), and an
 * empty element (`""` from XML) is an empty object where an object is expected.
 */
export function normalizeSapiBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) return {};
  const out: Record<string, unknown> = { ...body };
  for (const [field, item] of Object.entries(listFields)) {
    if (!Object.hasOwn(out, field)) continue;
    const container = out[field];
    const list = isRecord(container) ? container[item] : undefined;
    const items = list === undefined || list === '' ? [] : Array.isArray(list) ? list : [list];
    out[field] = { ...(isRecord(container) ? container : {}), [item]: items.filter(isRecord) };
  }
  return out;
}

/**
 * `normalizeSapiBody` on a body this adapter owns (fresh from `JSON.parse`): the list fields are made
 * arrays in place, the body itself is not copied. Same result.
 */
export function normalizeOwnedSapiBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) return {};
  for (const field in listFields) {
    if (!Object.hasOwn(body, field)) continue;
    const item = listFields[field]!;
    const container = body[field];
    const list = isRecord(container) ? container[item] : undefined;
    const items = list === undefined || list === '' ? [] : Array.isArray(list) ? list : [list];
    const records = items.filter(isRecord);
    if (isRecord(container)) container[item] = records;
    else body[field] = { [item]: records };
  }
  return body;
}

/** `msgInfo` when it is well-formed (a string-able instance, a finite sequence number). */
export function readMsgInfo(body: Readonly<Record<string, unknown>>): SapiMsgInfo | undefined {
  const info = body.msgInfo;
  if (!isRecord(info)) return undefined;
  const sequenceId = Number(info.sequenceId);
  const instanceId = info.instanceId;
  if (!Number.isFinite(sequenceId) || (typeof instanceId !== 'string' && typeof instanceId !== 'number'))
    return undefined;
  const timestamp = Number(info.timestamp);
  return {
    instanceId: String(instanceId),
    sequenceId,
    timestamp: Number.isFinite(timestamp) ? timestamp : 0,
  };
}
