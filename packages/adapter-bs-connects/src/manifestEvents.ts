import type { CilEventName } from './protocol/BridgeProtocol.js';

/** Integration API events, usable as `on: bs-connects.<name>`, with what each maps to. */
export const bsConnectsVendorEvents: Record<CilEventName, string> = {
  agentStateChange: "The agent's state changed on a channel → agent.state.",
  beforeDial:
    'The agent started a call; it waits for a rule to `dial` (else the original number) → dial.requested.',
  error: 'A request failed or b+s Connects met an error → adapter.error.',
  workitemCreate:
    'A work item appeared and is alerting, or the agent logged in during a call (call recovery: fires its rules once) → call.offered / call.outbound.',
  workitemConnect: 'A work item was accepted → call.answered.',
  workitemPause: 'A work item was paused (hold) → call.held.',
  workitemResume: 'A paused work item was resumed → call.resumed.',
  workitemWrapup: 'A work item entered wrap-up → call.wrapup.',
  workitemEnd:
    'A work item disappeared (after wrap-up, if enabled) → call.ended, or call.abandoned for EndedAbandoned.',
};
