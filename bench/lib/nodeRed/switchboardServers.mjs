// The two Switchboard daemons of the comparison (`rules-runner start`, product defaults: durable state on
// disk, de-duplication, call context), each with its own config folder under bench/.tmp.
import { rm } from 'node:fs/promises';
import { spawnDaemon } from '@switchboard/test-support';
import { tempConfig } from '../processes.mjs';
import { xucmgtConfigYaml, xucmgtRulesYaml } from '../xucmgtBench.mjs';

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
    'switchboard.yaml': xucmgtConfigYaml({ extraOptions: ', secret: "${BENCH_XUC_SECRET}"' }),
    'rules.yaml': xucmgtRulesYaml,
  });
  const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, {
    cwd: dir,
    env: { BENCH_XUC_SECRET: secret },
  });
  return { daemon, url: `${daemon.address}/adapters/xucmgt`, stop: () => stopDaemon(daemon, dir) };
}
