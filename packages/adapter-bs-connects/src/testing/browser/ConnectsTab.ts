import type { EmulatedIntegrationLibrary } from './EmulatedIntegrationLibrary.js';
import type { EmulatedRequests } from './EmulatedRequests.js';
import type {
  CilReplyLike,
  ConnectsTabOptions,
  EmulatedAgent,
  LibraryHost,
  LibraryShape,
  ReasonCodes,
  RecordedRequest,
  Workitem,
} from './emulatorTypes.js';
import type { PrimaryTabLock } from './PrimaryTabLock.js';

/** The emulator's classes, handed in because the inlined sources cannot import each other. */
export interface EmulatorClasses {
  readonly Library: new (host: LibraryHost, shape?: LibraryShape) => EmulatedIntegrationLibrary;
  readonly Requests: new (tab: ConnectsTab) => EmulatedRequests;
  readonly Lock: new (name: string) => PrimaryTabLock;
}

/**
 * b+s Connects as one browser tab of an agent sees it: the agent's channel, reason codes and work
 * items, the integration library it hands to the Custom Integration frame, and a log of every request
 * with its arguments. CTI events reach every tab of the agent (a BroadcastChannel stands in for the
 * shared CTI connection); the first tab opened is the primary one (a Web Lock, handed over on close).
 * Runs in the browser (self-contained).
 */
export class ConnectsTab {
  readonly agent: EmulatedAgent;
  readonly tab: string;
  readonly channelId: string;
  readonly reasonCodes: ReasonCodes;
  readonly requests: RecordedRequest[] = [];
  readonly workitems = new Map<string, Workitem>();
  /** Requests this tab's b+s Connects refuses (see `refuse`). */
  readonly refusals: { readonly request: string; readonly error: string; readonly address?: string }[] = [];
  readonly ready: Promise<void>;
  agentState = { state: 'NotReady', reasonCode: '-1', reasonCodeLabel: '', since: new Date().toISOString() };
  initializations = 0;
  #library: EmulatedIntegrationLibrary | undefined;
  readonly #classes: EmulatorClasses;
  readonly #requestsBehaviour: EmulatedRequests;
  readonly #options: ConnectsTabOptions;
  readonly #peers: BroadcastChannel | undefined;
  readonly #lock: PrimaryTabLock;
  #sequence = 0;
  /** Requests whose answers wait for `releaseAnswers` (see `holdAnswers`). */
  readonly #holding = new Set<string>();
  readonly #heldAnswers: (() => void)[] = [];

  constructor(options: ConnectsTabOptions, classes: EmulatorClasses) {
    this.#options = options;
    this.#classes = classes;
    this.#requestsBehaviour = new classes.Requests(this);
    this.agent = options.agent;
    this.tab = options.tab ?? Math.random().toString(36).slice(2, 8);
    this.channelId = options.channelId ?? 'voice_5000';
    this.reasonCodes = options.reasonCodes ?? {
      NotReady: [
        { id: '11', label: 'Break' },
        { id: '12', label: 'Lunch' },
        { id: '13', label: 'After call work' },
      ],
      Logout: [{ id: '21', label: 'End of shift' }],
      Wrapup: [{ id: '31', label: 'Sale' }],
    };
    const name = `cnx-emulator:${this.agent.agentId}`;
    this.#peers = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
    this.#peers?.addEventListener('message', (m: MessageEvent) => this.#apply(m.data.name, m.data.data));
    this.#lock = new classes.Lock(name);
    this.ready = this.#lock.claimed;
  }

  /** Whether this is the agent's primary tab (the first opened; the next one when it closes). */
  get primary(): boolean {
    return this.#lock.held;
  }

  /**
   * The library for the integration frame (a new one replaces the previous one); its `global()` is the
   * frame's `ConnectsIntegrationLibrary`.
   */
  library(): EmulatedIntegrationLibrary {
    const host: LibraryHost = {
      ready: this.ready,
      request: (name, args) => this.#request(name, args),
      initialized: () => {
        this.initializations += 1;
      },
    };
    this.#library = new this.#classes.Library(host, this.#options.libraryShape ?? 'global');
    return this.#library;
  }

  /** Raises an event to this tab's integration and, for CTI events, to the agent's other tabs. */
  raise(name: string, data: Record<string, unknown>, options: { local?: boolean } = {}): void {
    const event = { event: name, version: '1.0', requestId: '', ...data };
    if (!options.local) this.#peers?.postMessage({ name, data: event });
    this.#apply(name, event);
  }

  /** A call for the agent starts alerting. */
  offerCall(call: {
    id?: string;
    ani: string;
    ctiData?: Record<string, unknown>;
    participant?: Workitem['associatedParticipant'];
  }): string {
    const id = call.id ?? `call-${this.tab}-${++this.#sequence}`;
    const item: Workitem = {
      id,
      direction: 'Incoming',
      state: 'Offered',
      ani: call.ani,
      ctiData: call.ctiData ?? {},
      classification: 'Customer',
      ...(call.participant ? { associatedParticipant: call.participant } : {}),
    };
    this.raise('workitemCreate', this.#payload(item));
    return id;
  }

  answer(id: string): void {
    this.#change(id, 'Active', 'workitemConnect', { connectedAt: new Date().toISOString() });
  }
  hold(id: string): void {
    this.#change(id, 'Paused', 'workitemPause');
  }
  resume(id: string): void {
    this.#change(id, 'Active', 'workitemResume');
  }
  wrapup(id: string): void {
    this.#change(id, 'Wrapup', 'workitemWrapup');
  }
  end(id: string, state = 'Ended'): void {
    this.#change(id, state, 'workitemEnd');
  }

  /**
   * The agent dials from b+s Connects in this tab. An integration subscribed to `beforeDial` gets the
   * event and must place the call itself (`dialOrConsult`); otherwise the call is placed at once.
   */
  placeCall(dialedNumber: string): void {
    if (this.#library?.subscribed('beforeDial'))
      this.raise(
        'beforeDial',
        { dialedNumber, callType: 'Outbound' },
        { local: this.#options.beforeDialInEveryTab !== true },
      );
    else this.startOutgoing(dialedNumber);
  }

  /**
   * From now on b+s Connects refuses `request` with `error` (`{success: false, error}` and an `error`
   * event), e.g. a `dialOrConsult` of a number the telephony rejects; only for `address` when given.
   */
  refuse(request: string, error: string, address?: string): void {
    this.refusals.push({ request, error, ...(address !== undefined ? { address } : {}) });
  }

  /**
   * From now on b+s carries out `request` at once (it is recorded: the session opens) but answers only at
   * `releaseAnswers`, like a slow CRM page: what the integration learns, and when, can be tested.
   */
  holdAnswers(request: string): void {
    this.#holding.add(request);
  }

  /** Answers the held requests, and holds none from now on. */
  releaseAnswers(): void {
    this.#holding.clear();
    for (const answer of this.#heldAnswers.splice(0)) answer();
  }

  /** Requests answered by `releaseAnswers`, not yet answered. */
  get heldAnswers(): number {
    return this.#heldAnswers.length;
  }

  /** The agent logs in again during a call: the integration restarts and gets `workitemCreate` again. */
  async loginRecovery(): Promise<void> {
    const before = this.initializations;
    this.#options.reloadIntegration?.();
    const deadline = Date.now() + 10_000;
    while (this.initializations === before) {
      if (Date.now() > deadline) throw new Error('the integration did not initialise again');
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const item of this.workitems.values())
      this.raise('workitemCreate', this.#payload(item), { local: true });
  }

  /** Requests named `name` (all when omitted). */
  requestsOf(name?: string): RecordedRequest[] {
    return this.requests.filter((r) => name === undefined || r.request === name);
  }

  #change(id: string, state: string, event: string, extra: Partial<Workitem> = {}): void {
    const item = this.workitems.get(id);
    if (!item) throw new Error(`no workitem ${id}`);
    this.raise(event, this.#payload({ ...item, ...extra, state }));
  }

  /** A call the agent placed starts (after `dialOrConsult`, or a dial no integration intercepted). */
  startOutgoing(address: string): void {
    const item: Workitem = {
      id: `call-${this.tab}-${++this.#sequence}`,
      direction: 'Outgoing',
      state: 'Initiated',
      ani: address,
      ctiData: {},
      classification: 'Customer',
    };
    this.raise('workitemCreate', this.#payload(item));
  }

  #payload(item: Workitem): Record<string, unknown> {
    return {
      ...item,
      agentId: this.agent.agentId,
      channelId: this.channelId,
      channelType: 'Voice',
      participants: [{ address: item.ani }],
      associations: [],
      participantLookupResult: item.associatedParticipant ? [item.associatedParticipant] : [],
      capabilities: [],
    };
  }

  /** Applies a CTI event to this tab's state and hands it to the integration. */
  #apply(name: string, event: Record<string, unknown>): void {
    if (name.startsWith('workitem') && typeof event.id === 'string') {
      if (name === 'workitemEnd') this.workitems.delete(event.id);
      else this.workitems.set(event.id, event as unknown as Workitem);
    }
    if (name === 'agentStateChange') {
      this.agentState = {
        state: String(event.newState),
        reasonCode: String(event.newReasonCode),
        reasonCodeLabel: String(event.newReasonCodeLabel ?? ''),
        since: String(event.newStateChangeTime),
      };
    }
    this.#library?.dispatch(name, event);
  }

  #request(name: string, args: readonly unknown[]): Promise<CilReplyLike> {
    const clean = JSON.parse(
      JSON.stringify(args, (_k, v) => (typeof v === 'function' ? '[function]' : v)) ?? '[]',
    );
    this.requests.push({ request: name, args: clean, at: Date.now(), tab: this.tab });
    const answer = this.#requestsBehaviour.answer(name, args);
    if (!this.#holding.has(name)) return Promise.resolve(answer);
    return new Promise((resolve) => this.#heldAnswers.push(() => resolve(answer)));
  }
}
