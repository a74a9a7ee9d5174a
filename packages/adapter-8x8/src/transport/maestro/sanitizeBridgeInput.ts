import { isRecord } from '@switchboard/core';
import type { BridgeDropReport } from './bridgeProtocol.js';
import type { ValidationIssue } from './checkEnvelope.js';

/**
 * Text for any value a bridge sent, never throwing: strings as they are, anything else as JSON
 * (`String()` throws for an object with its own `toString` field, e.g. `{"toString":1}`).
 */
export function safeText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return `[${typeof value}]`;
  }
}

const clip = (value: unknown, max: number): string => safeText(value).slice(0, max);

/** The message id a bridge sent, or undefined when it is not a short plain string. */
export function messageIdOf(message: unknown): string | undefined {
  const id = isRecord(message) ? message.messageId : undefined;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

/** The validation issues a bridge reported, bounded (at most 20, short strings). */
export function issuesOf(message: unknown): ValidationIssue[] {
  const errors = isRecord(message) ? message.errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors
    .slice(0, 20)
    .filter(isRecord)
    .map((e) => ({ path: clip(e.path, 200), message: clip(e.message, 500) }));
}

/** The reason a bridge gave for an invalid message: an upper-case code, else `INVALID`. */
export function reasonOf(message: unknown): string {
  const reason = isRecord(message) ? message.reason : undefined;
  return typeof reason === 'string' && /^[A-Z_]{1,64}$/.test(reason) ? reason : 'INVALID';
}

/** How many fields the bridge says it cut from a message (0 when it says nothing sensible). */
export function truncatedOf(message: unknown): number {
  const truncated = isRecord(message) ? message.truncated : undefined;
  return typeof truncated === 'number' && Number.isSafeInteger(truncated) && truncated > 0 ? truncated : 0;
}

/** A bridge's report of dropped messages, or undefined when it is not one. */
export function dropReportOf(report: unknown): BridgeDropReport | undefined {
  if (!isRecord(report)) return undefined;
  const { dropped } = report;
  if (typeof dropped !== 'number' || !Number.isSafeInteger(dropped) || dropped < 1) return undefined;
  return { dropped, reason: clip(report.reason, 500) || 'no reason given' };
}
