/** Event bodies shaped like 8x8's SAPI samples, for tests and demos. */

export interface InteractionSample {
  readonly guid: string;
  readonly event: string;
  readonly callState: string;
  readonly queue?: string;
  readonly direction?: 'in' | 'out';
  readonly agentId?: string;
  readonly caller?: string;
  readonly callerName?: string;
  /** More attached data (`callDurationSec`, `waitTime`, …). */
  readonly attached?: Readonly<Record<string, string | number | boolean>>;
  /** Seconds since the epoch. */
  readonly at?: number;
}

/** `attachedData` as SAPI sends it: `{ attachedDatum: [{ attachedDataKey, attachedDataValue }] }`. */
export function attachedData(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    attachedDatum: Object.entries(values).map(([attachedDataKey, attachedDataValue]) => ({
      attachedDataKey,
      attachedDataValue,
    })),
  };
}

/** An `Interaction` body for one step of a call. */
export function interactionBody(sample: InteractionSample): Record<string, unknown> {
  const at = sample.at ?? Math.floor(Date.now() / 1000);
  return {
    attachedData: attachedData({
      '@pri': 100,
      ...(sample.callerName ? { callingName: sample.callerName } : {}),
      ...(sample.caller ? { remotePhoneNum: sample.caller } : {}),
      ...(sample.queue ? { tenantSkillName: sample.queue, queueDirection: sample.direction ?? 'in' } : {}),
      tok: 19727,
      ...sample.attached,
    }),
    callState: sample.callState,
    ...(sample.direction ? { direction: sample.direction } : {}),
    event: sample.event,
    ...(sample.agentId ? { agentId: sample.agentId } : {}),
    inboundChannelid: 13125555068,
    interactionEventTS: at,
    interactionGUID: sample.guid,
    mediaType: 'phone',
    ...(sample.queue ? { queueId: 591 } : {}),
    resourceType: 0,
  };
}

/** The SAPI events of an answered inbound call, in order, ending with `InteractionDeleted`. */
export function inboundCallEvents(
  guid: string,
  options: { queue: string; agentId: string; caller: string; talkSeconds: number; waitSeconds?: number },
): { type: 'Interaction'; body: Record<string, unknown> }[] {
  const base = { guid, queue: options.queue, direction: 'in' as const, caller: options.caller };
  const steps: InteractionSample[] = [
    { ...base, event: 'InteractionQueued', callState: 'CS_QUEUED' },
    { ...base, event: 'InteractionAssigned', callState: 'CS_QUEUED', agentId: options.agentId },
    { ...base, event: 'InteractionAccepted', callState: 'CS_CONNECTED', agentId: options.agentId },
    {
      ...base,
      event: 'InteractionDeleted',
      callState: 'CS_DISCONNECTED',
      agentId: options.agentId,
      attached: { callDurationSec: options.talkSeconds, waitTime: options.waitSeconds ?? 0 },
    },
  ];
  return steps.map((step) => ({ type: 'Interaction', body: interactionBody(step) }));
}

/** An `AgentStatusChange` body. */
export function agentStatusBody(agentId: string, newState: number, at = Math.floor(Date.now() / 1000)) {
  return {
    agentId,
    newReasonCodeUser: '801=1722',
    newState,
    newSubState: 'none',
    newSubStateReason: 'none',
    statusEventTS: at,
  };
}
