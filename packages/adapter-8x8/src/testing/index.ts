/**
 * @switchboard/adapter-8x8/testing: stand-ins for 8x8, so tests and demos need no tenant: the SAPI
 * streaming server, 8x8 Event Streaming (a Pulsar WebSocket reader) and the MaestroSDK iframe, with
 * sample events.
 */
export { MaestroEmulator, type MaestroEmulatorOptions, type ReceivedMessage } from './MaestroEmulator.js';
export {
  type MaestroEventSample,
  maestroEvent,
  maestroInvalidSchema,
  maestroUnsupportedVersion,
} from './maestroSamples.js';
export {
  PulsarEmulator,
  type PulsarEmulatorOptions,
  type PulsarLogEntry,
  type PulsarRequestRecord,
} from './PulsarEmulator.js';
export { type PulsarEnvelope, pulsarEnvelope, pulsarTopicsOf } from './pulsarEnvelope.js';
export { hasUrlHostileCharacters, parsePulsarMessageId, pulsarMessageId } from './pulsarMessageId.js';
export { SapiEmulator } from './SapiEmulator.js';
export type { SapiEmulatorOptions, SapiRequestRecord } from './SapiEmulatorOptions.js';
export {
  atmosphereFraming,
  encodeSapiEvent,
  encodeSapiStream,
  frameText,
  plainFraming,
  type RecordedStreamOptions,
  type SapiFraming,
  type SapiWireEvent,
  serializeSapiEvent,
  streamOpening,
} from './sapiEncoding.js';
export {
  agentStatusBody,
  attachedData,
  type InteractionSample,
  inboundCallEvents,
  interactionBody,
} from './sapiSamples.js';

import type { EmulatorClass, RunningEmulator } from '@switchboard/core/testing';
import { MaestroEmulator } from './MaestroEmulator.js';
import { PulsarEmulator } from './PulsarEmulator.js';
import { SapiEmulator } from './SapiEmulator.js';

/** The package's emulators, for tools that start each one (`await emulators.sapi.start()`). */
export const emulators = {
  sapi: SapiEmulator,
  pulsar: PulsarEmulator,
  maestro: MaestroEmulator,
} as const satisfies Record<string, EmulatorClass<never, RunningEmulator>>;
