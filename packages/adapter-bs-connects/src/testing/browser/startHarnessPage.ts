import type { ConnectsTab, EmulatorClasses } from './ConnectsTab.js';
import type { ConnectsTabOptions, EmulatedAgent, LibraryShape } from './emulatorTypes.js';

type TabClass = new (options: ConnectsTabOptions, classes: EmulatorClasses) => ConnectsTab;

/**
 * The harness page of one emulated tab: reads the agent from the query string, creates the tab's b+s
 * Connects (`window.connects`), loads the Custom Integration in a frame, and wires the buttons that drive
 * calls by hand. Tests drive `window.connects` directly. Runs in the browser (self-contained).
 */
export function startHarnessPage(Tab: TabClass, classes: EmulatorClasses, integrationUrl: string): void {
  const query = new URLSearchParams(location.search);
  const field = (name: string): string | undefined => query.get(name) ?? undefined;
  const agent: EmulatedAgent = {
    agentId: field('agentId') ?? 'agent-1',
    firstName: field('firstName') ?? 'Alex',
    lastName: field('lastName') ?? 'Agent',
    loginName: field('loginName') ?? field('agentId') ?? 'agent-1',
    extension: field('extension') ?? '1001',
    teamId: field('teamId') ?? 'team-1',
  };
  const frame = document.getElementById('integration') as HTMLIFrameElement;
  const tab = new Tab(
    {
      agent,
      ...(field('tab') ? { tab: field('tab') } : {}),
      ...(field('library') ? { libraryShape: field('library') as LibraryShape } : {}),
      ...(field('beforeDial') === 'every-tab' ? { beforeDialInEveryTab: true } : {}),
      reloadIntegration: () => frame.contentWindow?.location.reload(),
    },
    classes,
  );
  (window as unknown as { connects: ConnectsTab }).connects = tab;
  frame.src = integrationUrl;

  const text = (id: string, value: string): void => {
    const el = document.getElementById(id);
    if (el) el.textContent = value;
  };
  const input = (id: string): string => (document.getElementById(id) as HTMLInputElement | null)?.value ?? '';
  const latest = (): string => [...tab.workitems.keys()].pop() ?? '';
  text('agent', `${agent.firstName} ${agent.lastName} (${agent.agentId})`);
  void tab.ready.then(() => text('primary', tab.primary ? 'primary tab' : 'secondary tab'));
  const actions: Record<string, () => void> = {
    offer: () => void tab.offerCall({ ani: input('ani') }),
    answer: () => tab.answer(latest()),
    hold: () => tab.hold(latest()),
    resume: () => tab.resume(latest()),
    wrapup: () => tab.wrapup(latest()),
    end: () => tab.end(latest()),
    dial: () => tab.placeCall(input('number')),
    recover: () => void tab.loginRecovery(),
    tab: () => void window.open(location.href, '_blank'),
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-act]')) {
    button.addEventListener('click', () => actions[button.dataset.act ?? '']?.());
  }
  setInterval(() => {
    const lines = tab.requests
      .filter((r) => r.request !== 'isPrimaryTab')
      .map(
        (r) =>
          `${new Date(r.at).toISOString().slice(11, 23)} ${r.request}(${JSON.stringify(r.args).slice(1, -1)})`,
      );
    text('requests', lines.join('\n'));
  }, 500);
}
