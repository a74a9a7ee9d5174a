import type { ConnectsTab } from './ConnectsTab.js';
import type { CilReplyLike, ReasonCodes } from './emulatorTypes.js';

/**
 * How the emulated library answers each request, like b+s Connects does: `{success, response}`, or
 * `{success: false, error}` plus an `error` event. Changes (agent state, dialed calls) raise the events
 * the real product raises. Runs in the browser (self-contained).
 */
export class EmulatedRequests {
  readonly #tab: ConnectsTab;

  constructor(tab: ConnectsTab) {
    this.#tab = tab;
  }

  answer(name: string, args: readonly unknown[]): CilReplyLike {
    const tab = this.#tab;
    const ok = (response?: unknown): CilReplyLike =>
      response === undefined ? { success: true } : { success: true, response };
    const fail = (error: string): CilReplyLike => this.#fail(error);
    const channelOk = (id: unknown) => id === 'voice' || id === tab.channelId;
    const refusal = tab.refusals.find(
      (r) => r.request === name && (r.address === undefined || r.address === args[1]),
    );
    if (refusal) return fail(refusal.error);
    switch (name) {
      case 'isPrimaryTab':
        return ok(tab.primary);
      case 'getChannel':
        if (!channelOk(args[0])) return fail(`unknown channel ${String(args[0])}`);
        return ok({
          ...tab.agent,
          activeDeviceId: tab.agent.extension,
          channel: {
            id: tab.channelId,
            type: 'Voice',
            ...tab.agentState,
            workitems: [...tab.workitems.values()],
          },
        });
      case 'getCustomSettings':
        return ok([]);
      case 'getReasonCodeList': {
        const list = tab.reasonCodes[args[1] as keyof ReasonCodes];
        return list ? ok(list) : fail(`unknown reason type ${String(args[1])}`);
      }
      case 'setAgentState':
        return this.#setAgentState(args);
      case 'dialOrConsult':
        if (!channelOk(args[0])) return fail(`unknown channel ${String(args[0])}`);
        if (typeof args[1] !== 'string' || args[1] === '') return fail('dialOrConsult needs an address');
        tab.startOutgoing(args[1]);
        return ok();
      case 'showInfo':
        if (typeof args[0] !== 'string') return fail('showInfo needs a description');
        return args[0].length > 60
          ? fail('showInfo: the description cannot be longer than 60 characters')
          : ok();
      case 'createSession':
        return typeof args[0] === 'string' && args[0] !== ''
          ? ok()
          : fail('createSession needs a template name');
      case 'showError':
      case 'writeLog':
        return ok();
      default:
        return fail(`unknown request ${name}`);
    }
  }

  #fail(error: string): CilReplyLike {
    this.#tab.raise('error', { message: error }, { local: true });
    return { success: false, error };
  }

  #setAgentState(args: readonly unknown[]): CilReplyLike {
    const tab = this.#tab;
    const [, state, reasonCode] = args;
    if (state !== 'Ready' && state !== 'NotReady' && state !== 'Logout')
      return this.#fail(`unknown state ${String(state)}`);
    const code = reasonCode === undefined || reasonCode === null ? '' : String(reasonCode);
    const reason = state === 'Ready' ? undefined : tab.reasonCodes[state].find((r) => r.id === code);
    if (code !== '' && state !== 'Ready' && !reason)
      return this.#fail(`unknown ${state} reason code ${code}`);
    const old = tab.agentState;
    tab.raise('agentStateChange', {
      channelType: 'Voice',
      channelId: tab.channelId,
      newState: state,
      newReasonCode: reason?.id ?? '-1',
      newReasonCodeLabel: reason?.label ?? '',
      newStateChangeTime: new Date().toISOString(),
      oldState: old.state,
      oldReasonCode: old.reasonCode,
      oldReasonCodeLabel: old.reasonCodeLabel,
      oldStateChangeTime: old.since,
    });
    return { success: true };
  }
}
