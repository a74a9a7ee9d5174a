import { assertValidEvent, describeError, type EventInput } from '@switchboard/core';
import type { CompiledMapping } from './compileMapping.js';
import { MappingError } from './MappingError.js';
import { mapBody } from './mapBody.js';

export interface MapBodiesContext {
  /** The instance the bodies arrived on (`source` of the events). */
  readonly source: string;
  readonly now: Date;
  /** Most objects an array may hold. */
  readonly maxBatch: number;
}

/**
 * A request body (one object, or an array of objects) → checked normalized events, all or nothing.
 * Each event is validated against core's event schema here, so a bad body is refused with a clear
 * message before anything is published. Throws a MappingError naming the item for a batch.
 */
export function mapBodies(
  payload: unknown,
  mapping: CompiledMapping,
  context: MapBodiesContext,
): EventInput[] {
  const bodies = Array.isArray(payload) ? payload : [payload];
  if (bodies.length > context.maxBatch) {
    throw new MappingError(
      `an array body may hold at most ${context.maxBatch} objects, got ${bodies.length}`,
    );
  }
  return bodies.map((body, index) => {
    const where = Array.isArray(payload) ? `item ${index}: ` : '';
    try {
      const event = mapBody(body, mapping);
      assertValidEvent({ ...event, source: context.source, time: event.time ?? context.now.toISOString() });
      return event;
    } catch (error) {
      throw new MappingError(
        `${where}${error instanceof MappingError ? error.message : describeError(error)}`,
      );
    }
  });
}
