import { type InteractionSample, interactionBody } from '../../src/testing/sapiSamples.js';

export interface TransferSample {
  readonly queue: string;
  readonly caller: string;
  /** The agent who answered and transferred. */
  readonly from: string;
  /** The agent who took the transfer. */
  readonly to: string;
  readonly talkSeconds: number;
}

/**
 * The SAPI events of an inbound call that one agent answers and transfers to another: one interaction
 * (one `interactionGUID`) with two legs, so two `InteractionDeleted`, the first agent's leg first.
 */
export function transferredCallEvents(
  guid: string,
  t: TransferSample,
): { type: 'Interaction'; body: Record<string, unknown> }[] {
  const base = { guid, queue: t.queue, direction: 'in' as const, caller: t.caller };
  const steps: InteractionSample[] = [
    { ...base, event: 'InteractionQueued', callState: 'CS_QUEUED' },
    { ...base, event: 'InteractionAssigned', callState: 'CS_QUEUED', agentId: t.from },
    { ...base, event: 'InteractionAccepted', callState: 'CS_CONNECTED', agentId: t.from },
    { ...base, event: 'InteractionTransferRequest', callState: 'CS_CONNECTED', agentId: t.from },
    { ...base, event: 'InteractionAssigned', callState: 'CS_CONNECTED', agentId: t.to },
    { ...base, event: 'InteractionAccepted', callState: 'CS_CONNECTED', agentId: t.to },
    {
      ...base,
      event: 'InteractionDeleted',
      callState: 'CS_DISCONNECTED',
      agentId: t.from,
      attached: { callDurationSec: t.talkSeconds },
    },
    {
      ...base,
      event: 'InteractionDeleted',
      callState: 'CS_DISCONNECTED',
      agentId: t.to,
      attached: { callDurationSec: t.talkSeconds },
    },
  ];
  return steps.map((step) => ({ type: 'Interaction', body: interactionBody(step) }));
}
