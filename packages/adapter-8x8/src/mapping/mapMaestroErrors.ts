import type { EventInput, MappingContext } from '@switchboard/core';
import { isRecord } from '@switchboard/core';
import type { ValidationIssue } from '../transport/maestro/checkEnvelope.js';
import { compact } from './values.js';

export interface MaestroErrorContext extends MappingContext {
  readonly agentId?: string;
  /** Unique per message received by the bridge. */
  readonly messageId: string;
}

/**
 * Maestro's own `failed` message (it rejected something: `INVALID_SCHEMA`,
 * `UNSUPPORTED_SCHEMA_VERSION`) → `adapter.error` with its details in vars. Pure.
 */
export function mapMaestroFailure(
  envelope: Readonly<Record<string, unknown>>,
  context: MaestroErrorContext,
): EventInput {
  const data = isRecord(envelope.data) ? envelope.data : {};
  return {
    id: `maestro-error:${context.messageId}`,
    type: 'adapter.error',
    time: context.now.toISOString(),
    source: context.source,
    ...(context.agentId ? { agent: { id: context.agentId } } : {}),
    vars: compact({
      origin: 'maestro',
      error: data.error,
      eventType: envelope.eventType,
      eventName: data.eventName,
      schemaVersion: data.schemaVersion,
      allowedSchemaVersions: data.allowedSchemaVersions,
      validSchema: data.validSchema,
      errorDescription: data.errorDescription,
    }),
    raw: envelope,
  };
}

/** A message from the Maestro iframe that is not a valid envelope → `adapter.error`. Pure. */
export function mapInvalidEnvelope(
  envelope: unknown,
  reason: string,
  errors: readonly ValidationIssue[],
  context: MaestroErrorContext,
): EventInput {
  const eventType = isRecord(envelope) ? envelope.eventType : undefined;
  return {
    id: `maestro-invalid:${context.messageId}`,
    type: 'adapter.error',
    time: context.now.toISOString(),
    source: context.source,
    ...(context.agentId ? { agent: { id: context.agentId } } : {}),
    vars: compact({ origin: 'bridge', error: reason, eventType, errorDescription: errors }),
    raw: envelope,
  };
}
