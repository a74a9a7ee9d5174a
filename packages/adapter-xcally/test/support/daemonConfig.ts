import { fileURLToPath } from 'node:url';
import type { TempDir } from '@switchboard/test-support';

/** This package's folder: configs in temp folders load the adapter by path (the built dist/). */
export const adapterPath = fileURLToPath(new URL('../..', import.meta.url));

/** Rules the end-to-end tests use: one per xCALLY command. */
export const e2eRules = `rules:
  - name: sales-order-popup
    on: xcally.up
    if: { "==": [{ var: call.queue }, "Sales"] }
    do:
      - wakeup:
          url: "http://webservice1/sales?ordernumber={{ vars.ordernumber }}"
          mode: new_frame
  - name: long-wait-notice
    on: call.answered
    if: { ">": [{ var: call.holdSeconds }, 60] }
    do:
      - notification:
          type: warning
          title: Long wait
          body: "{{ call.caller }} waited {{ call.holdSeconds }} s"
  - name: abandoned-to-realtime
    on: xcally.abandon
    do:
      - pushevent:
          type: callbacks
          reference: "{{ call.id }}"
          url: "http://crm.example/callbacks/new?number={{ call.caller }}&queue={{ call.queue }}"
  - name: marker
    on: xcally.marker
    do:
      - notification: { peer: "{{ raw.peer }}", title: marker, body: "{{ raw.n }}" }
`;

export interface ConfigOptions {
  readonly url: string;
  readonly protocol?: 'auto' | 'v2' | 'v4';
  /** Extra YAML lines under `options:` (indented by the caller's text as given). */
  readonly extra?: string;
}

let configs = 0;

/**
 * Writes `switchboard.yaml` and `rules.yaml` into `dir`; returns the config path. Each config gets its
 * own state folder: the event ledger is durable, so two daemons of one test file sharing a folder would
 * (rightly) ignore the second one's events with ids the first one already ran.
 */
export async function writeConfig(dir: TempDir, options: ConfigOptions): Promise<string> {
  configs += 1;
  await dir.write('rules.yaml', e2eRules);
  return dir.write(
    'switchboard.yaml',
    `adapters:
  xcally:
    use: ${JSON.stringify(adapterPath)}
    options:
      url: ${JSON.stringify(options.url)}
      protocol: ${options.protocol ?? 'auto'}
      connectTimeoutMs: 2000
      reconnect: { initialMs: 50, maxMs: 300 }
${options.extra ?? ''}
rules: ["rules.yaml"]
log: { level: debug, format: json }
state: { dir: state-${configs} }
`,
  );
}

/** An `up` in a queue, shaped like the documented sample. */
export function upPayload(uniqueid: string, queue: string, extra: Record<string, unknown> = {}) {
  return {
    event: 'up',
    queue,
    agentname: 'Andrea Bianco',
    agentnum: '1000',
    peer: 'SIP/andrea.bianco',
    direction: 'inbound',
    uniqueid,
    context: 'from-sip',
    extension: '6000',
    callernum: '+3228887766',
    callername: 'telephone',
    holdtime: '2',
    ringtime: '0',
    up: true,
    ...extra,
  };
}
