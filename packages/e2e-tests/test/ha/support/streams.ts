import type { SapiEmulator } from '@switchboard/adapter-8x8/testing';
import { interactionBody } from '@switchboard/adapter-8x8/testing';
import type { XcallyEmulator } from '@switchboard/adapter-xcally/testing';
import type { FarSide } from './FarSide.js';

/** The xCALLY call id (`uniqueid`) of call `n`. */
export const xcallyCallId = (n: number): string => `1700000200.${n}`;
/** The 8x8 interaction guid of call `n`. */
export const sapiCallId = (n: number): string => `int-ha-${n}`;

export const sapiAgent = 'agHa000000000000000000001';

/** Call `n` rings on an xCALLY agent: one `ringing` event. */
export function ringXcallyCall(emulator: XcallyEmulator, n: number): void {
  emulator.emit({
    event: 'ringing',
    queue: 'Sales',
    uniqueid: xcallyCallId(n),
    peer: 'SIP/andrea.bianco',
    agentnum: '1000',
    callernum: '+3228887766',
    direction: 'inbound',
    ringing: true,
  });
}

/** Call `n` is queued, then offered to the 8x8 agent (`call.offered`). */
export function offerSapiCall(
  emulator: SapiEmulator,
  n: number,
  agentId = sapiAgent,
  caller = '+12015550123',
): void {
  const base = { guid: sapiCallId(n), queue: 'Sales', direction: 'in' as const, caller };
  emulator.publish(
    'Interaction',
    interactionBody({ ...base, event: 'InteractionQueued', callState: 'CS_QUEUED' }),
  );
  emulator.publish(
    'Interaction',
    interactionBody({ ...base, event: 'InteractionAssigned', callState: 'CS_QUEUED', agentId }),
  );
}

/** AgentCTI commands (the xCALLY pops) per call id, as the emulator received them from any node. */
export function xcallyPops(emulator: XcallyEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const command of emulator.received('AgentCTI')) {
    const url = new URL(String((command.payload as { url?: unknown }).url));
    const call = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
    counts.set(call, (counts.get(call) ?? 0) + 1);
  }
  return counts;
}

/**
 * The CRM's pops per call: their distinct idempotency keys (a repeat of a key is dropped by the CRM, so it
 * is no second pop), and how many requests repeated a key.
 */
export function sapiPops(far: FarSide): { keys: Map<string, Set<string>>; resent: number } {
  const keys = new Map<string, Set<string>>();
  for (const pop of far.pops) keys.set(pop.call, (keys.get(pop.call) ?? new Set()).add(pop.key));
  return { keys, resent: far.pops.length - [...keys.values()].reduce((sum, set) => sum + set.size, 0) };
}

/** Which of calls 1..n have no pop in `popped`. */
export function callsWithout(
  popped: ReadonlyMap<string, unknown>,
  n: number,
  callId: (n: number) => string,
): string[] {
  return Array.from({ length: n }, (_, i) => callId(i + 1)).filter((id) => !popped.has(id));
}

/** The calls popped more than once: several AgentCTI commands, or several pops with different keys. */
export function doubledCalls(popped: ReadonlyMap<string, number | ReadonlySet<string>>): string[] {
  return [...popped]
    .filter(([, value]) => (typeof value === 'number' ? value : value.size) > 1)
    .map(([call]) => call);
}
