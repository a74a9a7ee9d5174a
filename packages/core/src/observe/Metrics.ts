import type { Registry } from 'prom-client';
import { lazyRequire } from '../util/lazyRequire.js';
import { labelCache } from './labelCache.js';
import { TallyCounter } from './TallyCounter.js';

const prom = lazyRequire<typeof import('prom-client')>('prom-client');

/** Prometheus metrics of one runtime, in its own registry (served at `/metrics` by the daemon). */
export class Metrics {
  readonly registry: Registry = new (prom().Registry)();
  readonly #events = new TallyCounter({
    name: 'switchboard_events_total',
    help: 'Events accepted, by source instance and type.',
    labelNames: ['source', 'type'],
    registers: [this.registry],
  });
  readonly duplicates = new (prom().Counter)({
    name: 'switchboard_events_deduplicated_total',
    help: 'Events dropped because the same event was already handled.',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly rejected = new (prom().Counter)({
    name: 'switchboard_input_rejected_total',
    help: 'Malformed or invalid input (vendor frames, events, requests) counted and dropped.',
    labelNames: ['source', 'reason'],
    registers: [this.registry],
  });
  readonly #matches = new TallyCounter({
    name: 'switchboard_rule_matches_total',
    help: 'Rules whose condition matched an event.',
    labelNames: ['rule'],
    registers: [this.registry],
  });
  readonly #actions = new TallyCounter({
    name: 'switchboard_actions_total',
    help: 'Actions carried out, by action and outcome.',
    labelNames: ['action', 'instance', 'outcome'],
    registers: [this.registry],
  });
  readonly actionErrors = new (prom().Counter)({
    name: 'switchboard_action_errors_total',
    help: 'Failed actions, by action, instance and error code (a code of core or of the adapter, else SWB_ACTION_FAILED).',
    labelNames: ['action', 'instance', 'code'],
    registers: [this.registry],
  });
  readonly actionSeconds = new (prom().Histogram)({
    name: 'switchboard_action_duration_seconds',
    help: 'Time to carry out an action.',
    labelNames: ['action'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly actionsSkipped = new (prom().Counter)({
    name: 'switchboard_actions_skipped_total',
    help: 'At-most-once actions not sent again, by reason (already-done, unconfirmed, in-progress).',
    labelNames: ['action', 'instance', 'reason'],
    registers: [this.registry],
  });
  readonly eventsRecovered = new (prom().Counter)({
    name: 'switchboard_events_recovered_total',
    help: 'Events pending when the daemon last stopped, by outcome at start-up (rerun, expired, answer-lost).',
    labelNames: ['source', 'outcome'],
    registers: [this.registry],
  });
  readonly adapterUp = new (prom().Gauge)({
    name: 'switchboard_adapter_up',
    help: '1 when an adapter instance is connected or listening, else 0.',
    labelNames: ['instance'],
    registers: [this.registry],
  });
  readonly adapterReconnects = new (prom().Counter)({
    name: 'switchboard_adapter_reconnects_total',
    help: 'Times an adapter instance connected again after losing its connection.',
    labelNames: ['instance'],
    registers: [this.registry],
  });
  readonly connectionAttempts = new (prom().Counter)({
    name: 'switchboard_connection_attempts_total',
    help: 'Connection attempts of adapter instances, by connection and outcome (connected, not-connected, back-off, refused, end-of-stream).',
    labelNames: ['instance', 'connection', 'outcome'],
    registers: [this.registry],
  });
  readonly bridgesConnected = new (prom().Gauge)({
    name: 'switchboard_bridges_connected',
    help: 'Browser bridges connected to an adapter instance on this node.',
    labelNames: ['instance'],
    registers: [this.registry],
  });
  readonly nodeInfo = new (prom().Gauge)({
    name: 'switchboard_node_info',
    help: 'Always 1: the node id of this daemon (`node.id`) as a label.',
    labelNames: ['node'],
    registers: [this.registry],
  });
  readonly leaseHeld = new (prom().Gauge)({
    name: 'switchboard_lease_held',
    help: "1 while this node holds a client connection's lease (the others stand by), else 0.",
    labelNames: ['instance', 'connection'],
    registers: [this.registry],
  });
  readonly leaseChanges = new (prom().Counter)({
    name: 'switchboard_lease_changes_total',
    help: 'Leases of client connections acquired, lost (taken over or self-fenced) and released, on this node.',
    labelNames: ['instance', 'connection', 'change'],
    registers: [this.registry],
  });
  readonly stateBackendUp = new (prom().Gauge)({
    name: 'switchboard_state_backend_up',
    help: '1 while the state backend answers (always 1 for the embedded one), else 0.',
    registers: [this.registry],
  });
  readonly eventsHeld = new (prom().Counter)({
    name: 'switchboard_events_held_total',
    help: "Events a warm standby held back (another node holds the instance's connection).",
    labelNames: ['instance'],
    registers: [this.registry],
  });
  readonly eventsDropped = new (prom().Counter)({
    name: 'switchboard_events_dropped_total',
    help: 'Events dropped without being handled, by reason (warm-window: held longer than `warmWindowMs` by a standby).',
    labelNames: ['instance', 'reason'],
    registers: [this.registry],
  });
  readonly ruleReloads = new (prom().Counter)({
    name: 'switchboard_rule_reloads_total',
    help: 'Rule reloads, by result.',
    labelNames: ['result'],
    registers: [this.registry],
  });
  /** Read at scrape time from `openCallsSource`. */
  readonly openCalls = new (prom().Gauge)({
    name: 'switchboard_open_calls',
    help: 'Calls held in the call-context store.',
    registers: [this.registry],
    collect: () => {
      this.openCalls.set(this.openCallsSource());
    },
  });
  openCallsSource: () => number = () => 0;

  // Hot path: counters tally in plain Maps; the histogram's label children are looked up once.
  readonly #actionTime = labelCache((action) => this.actionSeconds.labels(action as string));

  countEvent(source: string, type: string): void {
    this.#events.inc(source, type);
  }

  countMatch(rule: string): void {
    this.#matches.inc(rule);
  }

  countAction(action: string, instance: string, outcome: string, seconds: number): void {
    this.#actions.inc(action, instance, outcome);
    this.#actionTime(action).observe(seconds);
  }

  countActionSkipped(action: string, instance: string, reason: string): void {
    this.actionsSkipped.inc({ action, instance, reason });
  }

  countActionError(action: string, instance: string, code: string): void {
    this.actionErrors.inc({ action, instance, code });
  }

  #processMetrics = false;

  /** Adds the process's own metrics (CPU, memory, event loop lag), once; the daemon does this. */
  collectProcessMetrics(): void {
    if (this.#processMetrics) return;
    this.#processMetrics = true;
    prom().collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_' });
  }
}
