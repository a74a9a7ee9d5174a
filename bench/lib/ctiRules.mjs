// The CTI-shaped rule sets and events every engine in the throughput benchmark gets.

/** N rules: event type + queue equality + a numeric condition + a templated URL action. */
export function ctiRules(n) {
  const types = ['call.answered', 'call.offered', 'call.ended'];
  return Array.from({ length: n }, (_, i) => ({
    name: `rule-${i}`,
    on: types[i % types.length],
    queue: `Q${i}`,
    minHold: (i * 7) % 60,
    condition: {
      and: [
        { '==': [{ var: 'call.queue' }, `Q${i}`] },
        { '>=': [{ var: 'call.holdSeconds' }, (i * 7) % 60] },
      ],
    },
    url: `http://crm.example/q${i}?caller={{ call.caller }}&order={{ vars.order }}`,
  }));
}

/** Events spread over the rules' queues and types (deterministic). */
export function ctiEvents(n, count = 2048) {
  const types = ['call.answered', 'call.offered', 'call.ended'];
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  return Array.from({ length: count }, (_, k) => {
    const q = Math.floor(rand() * n);
    return {
      id: `e${k}`,
      type: types[q % types.length],
      time: '2026-01-01T00:00:00.000Z',
      source: 'pbx',
      call: { id: `c${k}`, queue: `Q${q}`, caller: `+3222${k}`, holdSeconds: Math.floor(rand() * 60) },
      vars: { order: `A&B/${k}` },
    };
  });
}

/** The rule file Switchboard loads for the same rule set. */
export function ctiRuleYaml(rules) {
  const lines = ['rules:'];
  for (const r of rules) {
    lines.push(
      `  - name: ${r.name}`,
      `    on: ${r.on}`,
      `    if: ${JSON.stringify(r.condition)}`,
      '    do:',
      `      - wakeup: { url: ${JSON.stringify(r.url)} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A naive template fill, as a hand-written loop would do it (with encodeURIComponent). */
export function naiveFill(template, event) {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path) => {
    let v = event;
    for (const k of path.split('.')) v = v?.[k];
    return encodeURIComponent(v ?? '');
  });
}
