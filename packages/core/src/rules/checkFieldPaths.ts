import type { SwitchboardError } from '../errors/index.js';
import { checkFieldPath } from '../events/checkFieldPath.js';
import { type NormalizedEventType, normalizedEventTypes } from '../events/NormalizedEvent.js';
import { hasTemplate } from '../templates/hasTemplate.js';
import { parseTemplate } from '../templates/parseTemplate.js';
import type { JsonPath, SourceDocument } from '../yaml/SourceDocument.js';
import { isLogicNode, operatorAndArguments } from './conditions/isLogicNode.js';

/** Operators whose later arguments run once per array item, with the item (not the event) as data. */
const scoped = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

/** A path a rule reads, where it is written, and where in its text it starts. */
interface ReadPath {
  readonly path: readonly (string | number)[];
  readonly at: JsonPath;
  readonly offset: number;
}

/** The event types a rule's `on` keys stand for; a vendor event (`acme.ring`) may be any of them. */
export function typesOfKeys(keys: readonly string[]): NormalizedEventType[] {
  const types = new Set<NormalizedEventType>();
  for (const key of keys) {
    if ((normalizedEventTypes as readonly string[]).includes(key)) types.add(key as NormalizedEventType);
    else types.add('vendor.event');
  }
  return [...types];
}

/**
 * Warnings for paths in a rule's condition and templates that no event of its types can carry
 * (`call.queu`, `call` on `agent.state`): the value would always be empty. `vars.*` and `raw.*` are
 * open, so custom variables and vendor payloads are never reported.
 */
export function fieldPathWarnings(
  doc: SourceDocument,
  rule: { readonly if?: unknown; readonly do: readonly Record<string, unknown>[] },
  at: JsonPath,
  types: readonly NormalizedEventType[],
): SwitchboardError[] {
  const reads: ReadPath[] = [];
  if (rule.if !== undefined) conditionReads(rule.if, [...at, 'if'], reads);
  rule.do.forEach((item, i) => {
    for (const [key, value] of Object.entries(item)) templateReads(value, [...at, 'do', i, key], reads);
  });
  const kept = keptNames(rule.do);
  const warnings: SwitchboardError[] = [];
  for (const read of reads) {
    const problem = checkFieldPath(read.path, types);
    if (problem === undefined) continue;
    warnings.push(
      doc.errorInText('SWB_RULE_UNKNOWN_FIELD', keptHint(read.path, kept) ?? problem, read.at, read.offset),
    );
  }
  return warnings;
}

/** Names the rule keeps in the call's vars: `save: crm`, `set: { order: … }`. */
function keptNames(items: readonly Record<string, unknown>[]): Map<string, string> {
  const kept = new Map<string, string>();
  for (const item of items) {
    if (typeof item.save === 'string') kept.set(item.save, `\`save: ${item.save}\``);
    const set = item.set;
    if (typeof set === 'object' && set !== null && !Array.isArray(set))
      for (const key of Object.keys(set)) kept.set(key, '`set`');
  }
  return kept;
}

/** `call.crm.id` where the rule saved `crm`: the value is in `vars.crm`. */
function keptHint(path: readonly (string | number)[], kept: ReadonlyMap<string, string>): string | undefined {
  const i = path.findIndex((step) => kept.has(String(step)));
  if (i < 0) return undefined;
  const name = String(path[i]);
  const text = path.map(String).join('.');
  const meant = ['vars', ...path.slice(i).map(String)].join('.');
  return `\`${text}\` is not in the event: ${kept.get(name)} keeps \`${name}\` in the call's vars; did you mean \`${meant}\`?`;
}

/** `{ var: "call.queue" }`, `{ var: ["call.queue", "none"] }`, `{ missing: [...] }`, `{ missing_some: [n, [...]] }`. */
function conditionReads(node: unknown, at: JsonPath, out: ReadPath[]): void {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) conditionReads(item, [...at, i], out);
    return;
  }
  if (!isLogicNode(node)) return;
  const { operator, args } = operatorAndArguments(node);
  const raw = node[operator];
  const argAt = (i: number): JsonPath => (Array.isArray(raw) ? [...at, operator, i] : [...at, operator]);
  const read = (value: unknown, where: JsonPath): void => {
    if (typeof value === 'string' && value !== '') out.push({ path: value.split('.'), at: where, offset: 0 });
  };
  if (operator === 'var') {
    read(args[0], argAt(0));
    return;
  }
  if (operator === 'missing') {
    args.forEach((arg, i) => {
      if (Array.isArray(arg)) for (const [j, p] of arg.entries()) read(p, [...argAt(i), j]);
      else read(arg, argAt(i));
    });
    return;
  }
  if (operator === 'missing_some') {
    const list = args[1];
    if (Array.isArray(list)) for (const [j, p] of list.entries()) read(p, [...argAt(1), j]);
    return;
  }
  const walked = scoped.has(operator) ? args.slice(0, 1) : args;
  for (const [i, arg] of walked.entries()) conditionReads(arg, argAt(i), out);
}

/** Every `{{ path }}` in a value of an action item (strings anywhere in its params). */
function templateReads(value: unknown, at: JsonPath, out: ReadPath[]): void {
  if (typeof value === 'string') {
    if (!hasTemplate(value)) return;
    let placeholders: ReturnType<typeof parseTemplate>['placeholders'];
    try {
      placeholders = parseTemplate(value).placeholders;
    } catch {
      return; // a syntax error, reported by the template compiler
    }
    for (const p of placeholders) out.push({ path: p.path, at, offset: p.offset });
    return;
  }
  if (Array.isArray(value)) for (const [i, item] of value.entries()) templateReads(item, [...at, i], out);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) templateReads(item, [...at, key], out);
}
