// The two Switchboard daemons of the comparison (`rules-runner start`, product defaults: durable state on
// disk, de-duplication, call context), each with its own config folder under bench/.tmp.
import { rm } from 'node:fs/promises';
import { spawnDaemon } from '@switchboard/test-support';
import { tempConfig } from '../processes.mjs';

/** Stops a daemon (its whole process group) and removes its config folder. */
async function stopDaemon(daemon, dir) {
  await daemon.stop();
  await rm(dir, { recursive: true, force: true });
}

const common = `server: { host: 127.0.0.1, port: 0 }
admin: { enabled: false }
watch: false
rules: [ rules.yaml ]
log: { level: warn, format: json }
`;

/**
 * Job (a): the webhook adapter (bearer token, sync: the POST is answered once the rule's actions ran),
 * a rule on the event type and the queue, an http GET to the sink with the values encoded in the URL.
 */
export async function startWebhookDaemon({ token, sink }) {
  const dir = await tempConfig({
    'switchboard.yaml': `adapters:
  hooks:
    use: switchboard-adapter-webhook
    options:
      auth: { bearer: "\${BENCH_HOOK_TOKEN}" }
      sync: true
      mapping:
        type:
          from: $.event
          map: { ringing: call.offered, answered: call.answered, hangup: call.ended }
          default: vendor.event
        id: $.eventId
        call:
          id: $.call.uuid
          caller: $.call.from
          queue: $.call.queue.name
        vars: { order: $.orderNumber }
${common}`,
    'rules.yaml': `rules:
  - name: sales-offer-to-crm
    on: call.offered
    if: { "==": [ { var: call.queue }, "Sales" ] }
    do:
      - http:
          url: "${sink}/crm/calls/{{ call.id }}?order={{ vars.order }}"
`,
  });
  const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, { cwd: dir, env: { BENCH_HOOK_TOKEN: token } });
  return { daemon, url: `${daemon.address}/adapters/hooks/events`, stop: () => stopDaemon(daemon, dir) };
}

/** Job (b): the XucMgt web service with its `?key=` secret, answering from a rule (as bench/webService.mjs). */
export async function startAnswerDaemon({ secret }) {
  const dir = await tempConfig({
    'switchboard.yaml': `adapters:
  xucmgt:
    use: "@switchboard/adapter-xucmgt"
    options: { allowedOrigins: ["*"], answerTimeout: 2000, repeatWindow: 0, secret: "\${BENCH_XUC_SECRET}" }
${common}`,
    'rules.yaml': `rules:
  - name: trucks
    on: call.offered
    if: { "==": [ { var: call.queue }, "trucks" ] }
    do:
      - thirdPartyOpen:
          event: established
          url: "https://crm.example/contacts?phone={{ call.caller }}&call={{ call.id }}"
          title: "Trucks: {{ call.caller }}"
          autopause: true
`,
  });
  const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, {
    cwd: dir,
    env: { BENCH_XUC_SECRET: secret },
  });
  return { daemon, url: `${daemon.address}/adapters/xucmgt`, stop: () => stopDaemon(daemon, dir) };
}
