// The XucMgt web-service daemon the benchmarks load (webService, memorySoak, nodeRed's answer job): one
// rule answering `thirdPartyOpen` for the "trucks" queue, every request running the rules (repeatWindow 0).

/**
 * switchboard.yaml: the xucmgt adapter (`extraOptions` added to its options), `extra` top-level lines, and
 * the admin surface off unless `admin` (a benchmark that reads `/metrics`).
 */
export const xucmgtConfigYaml = ({ extraOptions = '', extra = '', admin = false } = {}) => `adapters:
  xucmgt:
    use: "@switchboard/adapter-xucmgt"
    options: { allowedOrigins: ["*"], answerTimeout: 2000, repeatWindow: 0${extraOptions} }
server: { host: 127.0.0.1, port: 0 }
${admin ? '' : 'admin: { enabled: false }\n'}${extra}watch: false
rules: [ rules.yaml ]
log: { level: warn, format: json }
`;

export const xucmgtRulesYaml = `rules:
  - name: trucks
    on: call.offered
    if: { "==": [ { var: call.queue }, "trucks" ] }
    do:
      - thirdPartyOpen:
          event: established
          url: "https://crm.example/contacts?phone={{ call.caller }}&call={{ call.id }}"
          title: "Trucks: {{ call.caller }}"
          autopause: true
`;
