import { createAjv, describeAjvErrors } from '@switchboard/core';
import { cilEventNames } from '../vendorEvents.js';
import type { BridgeDialOutcome, BridgeEventMessage, BridgeReport, CilReply } from './bridgeProtocol.js';

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const ajv = createAjv();

const validateEvent = ajv.compile<BridgeEventMessage>({
  type: 'object',
  required: ['id', 'name', 'data', 'raisedAt'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 128 },
    name: { enum: [...cilEventNames] },
    data: { type: 'object' },
    raisedAt: { type: 'string', format: 'date-time' },
  },
  additionalProperties: false,
});

const validateReport = ajv.compile<BridgeReport>({
  type: 'object',
  required: ['dropped', 'undecidedDials', 'reason'],
  properties: {
    dropped: { type: 'integer', minimum: 0 },
    undecidedDials: { type: 'integer', minimum: 0 },
    reason: { type: 'string', maxLength: 500 },
  },
  additionalProperties: false,
});

const attempt = {
  phoneNumber: { type: 'string', minLength: 1, maxLength: 200 },
  success: { type: 'boolean' },
  error: { type: 'string', maxLength: 500 },
} as const;

const validateDialOutcome = ajv.compile<BridgeDialOutcome>({
  type: 'object',
  required: ['id', 'phoneNumber', 'success'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 128 },
    ...attempt,
    fallback: {
      type: 'object',
      required: ['phoneNumber', 'success'],
      properties: attempt,
      additionalProperties: false,
    },
  },
  additionalProperties: false,
});

const validateReply = ajv.compile<CilReply>({
  type: 'object',
  required: ['success'],
  properties: { success: { type: 'boolean' }, response: {}, error: {} },
});

function parse<T>(validate: { (payload: unknown): boolean; errors?: unknown }, subject: string) {
  return (payload: unknown): Parsed<T> =>
    validate(payload)
      ? { ok: true, value: payload as T }
      : { ok: false, error: describeAjvErrors(validate.errors as typeof validateEvent.errors, subject) };
}

/** A `cil:event` message from a bridge. */
export const parseBridgeEvent = parse<BridgeEventMessage>(validateEvent, 'the message');
/** A `bridge:report` message from a bridge. */
export const parseBridgeReport = parse<BridgeReport>(validateReport, 'the report');
/** A bridge's answer to a `cil:request`. */
export const parseCilReply = parse<CilReply>(validateReply, 'the reply');
/** A `bridge:dial-outcome` message from a bridge. */
export const parseDialOutcome = parse<BridgeDialOutcome>(validateDialOutcome, 'the dial outcome');
