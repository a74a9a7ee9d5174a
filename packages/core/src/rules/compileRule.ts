import type { Ajv, ValidateFunction } from 'ajv';
import { coreParamsWarnings } from '../actions/builtin/coreActionSpecs.js';
import type { ActionSpec } from '../contract/ActionSpec.js';
import { SwitchboardError } from '../errors/index.js';
import { compileParams, HostAllowList } from '../templates/index.js';
import type { JsonPath, SourceDocument } from '../yaml/SourceDocument.js';
import { schemaProblems } from '../yaml/schemaProblems.js';
import type { ActionVariant, CompiledAction, CompiledRule } from './CompiledRule.js';
import { fieldPathWarnings, typesOfKeys } from './checkFieldPaths.js';
import { findConditionProblems } from './conditions/index.js';
import { actionItemShapeMessage, strayParams } from './misIndentedActions.js';
import type { RuleCatalog } from './RuleCatalog.js';
import { actionModifiers } from './ruleFileSchema.js';
import { closestName, didYouMean, editDistance } from './suggest.js';

export interface RawRule {
  name: string;
  description?: string;
  enabled?: boolean;
  on: string | string[];
  from?: string | string[];
  if?: unknown;
  stop?: boolean;
  allowHosts?: string[];
  do: Record<string, unknown>[];
}

export interface RuleCompilation {
  readonly rule?: CompiledRule;
  readonly errors: SwitchboardError[];
  readonly warnings: SwitchboardError[];
}

export interface CompileRuleInput {
  readonly doc: SourceDocument;
  readonly raw: RawRule;
  readonly path: JsonPath;
  readonly order: number;
  readonly catalog: RuleCatalog;
  readonly ajv: Ajv;
  readonly defaultActionTimeoutMs: number;
}

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Checks one (schema-valid) rule against the configured adapters and compiles it. */
export function compileRule(input: CompileRuleInput): RuleCompilation {
  const { doc, raw, path, catalog } = input;
  const errors: SwitchboardError[] = [];
  const warnings: SwitchboardError[] = [];

  const on: string[] = [];
  let onFailed = false;
  asList(raw.on).forEach((name, i) => {
    const at = Array.isArray(raw.on) ? [...path, 'on', i] : [...path, 'on'];
    const resolved = catalog.resolveEventName(name);
    if (!resolved.ok) {
      if (!resolved.consequence) errors.push(doc.error('SWB_RULE_UNKNOWN_EVENT', resolved.error, at));
      onFailed = true;
    } else {
      on.push(...resolved.keys);
      if (resolved.warning) warnings.push(doc.error('SWB_RULE_UNKNOWN_EVENT', resolved.warning, at));
    }
  });

  const fromList = asList(raw.from);
  fromList.forEach((instance, i) => {
    if (!catalog.instances.has(instance) && !catalog.unloaded.has(instance)) {
      const at = Array.isArray(raw.from) ? [...path, 'from', i] : [...path, 'from'];
      const hint = didYouMean(instance, catalog.instances.keys());
      errors.push(
        doc.error('SWB_RULE_UNKNOWN_INSTANCE', `unknown adapter instance \`${instance}\`${hint}`, at),
      );
    }
  });
  const from = fromList.length > 0 ? new Set(fromList) : undefined;

  if (raw.if !== undefined && typeof raw.if === 'object') {
    for (const problem of findConditionProblems(raw.if)) {
      const code = problem.kind === 'bad-arguments' ? 'SWB_RULE_BAD_CONDITION' : 'SWB_RULE_UNKNOWN_OPERATOR';
      errors.push(doc.error(code, problem.message, [...path, 'if', ...problem.path], { key: true }));
    }
  }

  if (!onFailed) warnings.push(...fieldPathWarnings(doc, raw, path, typesOfKeys(on)));

  const sources = catalog.instancesEmitting(on, from);
  const strays = strayParams(raw.do, catalog);
  const ruleHosts = allowHostsAt(doc, raw.allowHosts, [...path, 'allowHosts'], errors);
  let ruleHostsUsed = false;
  const actions: CompiledAction[] = [];
  raw.do.forEach((item, index) => {
    const at = [...path, 'do', index];
    const stray = strays.get(index);
    if (stray !== undefined) {
      if (stray !== '')
        errors.push(
          doc.error('SWB_RULE_UNKNOWN_ACTION', stray, [...at, Object.keys(item)[0] ?? ''], { key: true }),
        );
      return;
    }
    const own = allowHostsAt(doc, item.allowHosts, [...at, 'allowHosts'], errors);
    const hosts = own ?? ruleHosts;
    if (hosts === 'invalid') return;
    const compiled = compileAction(input, item, at, index, sources, errors, warnings, hosts);
    if (!compiled) return;
    actions.push(compiled);
    const hostFromValue = [compiled, ...compiled.byInstance.values()].some((v) => v.params.hostFromValue);
    if (own !== undefined && !hostFromValue)
      warnings.push(unusedAllowHosts(doc, [...at, 'allowHosts'], 'this action'));
    ruleHostsUsed ||= own === undefined && hostFromValue;
  });
  if (ruleHosts !== undefined && ruleHosts !== 'invalid' && !ruleHostsUsed && errors.length === 0) {
    warnings.push(unusedAllowHosts(doc, [...path, 'allowHosts'], 'the actions of this rule'));
  }

  if (errors.length > 0) return { errors, warnings };
  const rule: CompiledRule = {
    name: raw.name,
    order: input.order,
    on: [...new Set(on)],
    from,
    condition: raw.if === true ? undefined : raw.if,
    stop: raw.stop ?? false,
    actions,
    position: doc.positionOf(path),
  };
  return { rule, errors, warnings };
}

function compileAction(
  input: CompileRuleInput,
  item: Record<string, unknown>,
  at: JsonPath,
  index: number,
  sources: readonly string[],
  errors: SwitchboardError[],
  warnings: SwitchboardError[],
  allowHosts: HostAllowList | undefined,
): CompiledAction | undefined {
  const { doc, catalog } = input;
  const names = Object.keys(item).filter((k) => !(actionModifiers as readonly string[]).includes(k));
  if (names.length !== 1) {
    errors.push(doc.error('SWB_RULE_UNKNOWN_ACTION', actionItemShapeMessage(item, names, catalog), at));
    return undefined;
  }
  const name = names[0] as string;
  const via = typeof item.via === 'string' ? item.via : undefined;
  const known = catalog.knownActions();
  if (!known.has(name)) {
    const hint = didYouMean(name, known);
    // An adapter that did not load (reported on its own) may be the one that knows this action; a
    // slip of a known action's name (one letter off) is still reported.
    const near = closestName(name, known);
    const slip = near !== undefined && editDistance(name.toLowerCase(), near.toLowerCase()) <= 1;
    if (catalog.unloaded.size > 0 && !slip) return undefined;
    const message = `unknown action \`${name}\`${hint}`;
    errors.push(doc.error('SWB_RULE_UNKNOWN_ACTION', message, [...at, name], { key: true }));
    return undefined;
  }
  if (via !== undefined && catalog.unloaded.has(via)) return undefined;
  if (via !== undefined && !catalog.instances.has(via)) {
    const hint = didYouMean(via, catalog.instances.keys());
    errors.push(
      doc.error('SWB_RULE_UNKNOWN_INSTANCE', `unknown adapter instance \`${via}\`${hint}`, [...at, 'via']),
    );
    return undefined;
  }
  const targets = via !== undefined ? [via] : sources;
  const unable = targets.filter((t) => catalog.actionSpec(name, t) === undefined);
  if (unable.length > 0) {
    const who = unable.map((t) => `\`${t}\` (${catalog.instances.get(t)?.packageName ?? '?'})`).join(', ');
    const able = [...catalog.instances.keys()].filter((t) => catalog.actionSpec(name, t) !== undefined);
    const hint = able.length > 0 ? `; use \`via:\` one of ${able.map((t) => `\`${t}\``).join(', ')}` : '';
    const message =
      via !== undefined
        ? `adapter instance ${who} cannot carry out \`${name}\`${hint}`
        : `\`${name}\` would go to the event's source, and ${who} cannot carry it out${hint} or narrow the rule with \`from:\``;
    errors.push(doc.error('SWB_RULE_UNSUPPORTED_ACTION', message, [...at, name], { key: true }));
    return undefined;
  }
  // No instance is known to emit the rule's events: check against every instance that declares the action.
  const checked =
    targets.length > 0 ? targets : [...catalog.instances.keys()].filter((t) => catalog.actionSpec(name, t));
  const bySpec = new Map<ActionSpec, string[]>();
  for (const target of checked) {
    const spec = catalog.actionSpec(name, target) as ActionSpec;
    bySpec.set(spec, [...(bySpec.get(spec) ?? []), target]);
  }
  if (bySpec.size === 0) {
    const core = catalog.actionSpec(name);
    if (core) bySpec.set(core, []);
  }
  const byInstance = new Map<string, ActionVariant>();
  let first: ActionVariant | undefined;
  let failed = false;
  for (const [spec, instances] of bySpec) {
    const variant = compileVariant(
      input,
      spec,
      item[name],
      [...at, name],
      name,
      bySpec.size > 1 ? instances : [],
      errors,
      warnings,
      allowHosts,
    );
    if (!variant) {
      failed = true;
      continue;
    }
    first ??= variant;
    for (const instance of instances) byInstance.set(instance, variant);
  }
  if (failed || !first) return undefined;
  return {
    index,
    name,
    via,
    ...first,
    byInstance,
    save: typeof item.save === 'string' ? item.save : undefined,
    timeoutMs: typeof item.timeout === 'number' ? item.timeout : input.defaultActionTimeoutMs,
    onError: item.onError === 'continue' ? 'continue' : 'stop',
    position: doc.positionOf(at),
  };
}

/** Params checked against one adapter's spec (defaults applied) and compiled; errors name the instances. */
function compileVariant(
  input: CompileRuleInput,
  spec: ActionSpec,
  raw: unknown,
  at: JsonPath,
  name: string,
  instances: readonly string[],
  errors: SwitchboardError[],
  warnings: SwitchboardError[],
  allowHosts: HostAllowList | undefined,
): ActionVariant | undefined {
  const { doc } = input;
  const params = structuredClone(raw ?? {}) as Record<string, unknown>;
  const check = paramValidator(input.ajv, spec.params);
  const subject =
    instances.length > 0 ? `\`${name}\` (for ${instances.map((i) => `\`${i}\``).join(', ')})` : `\`${name}\``;
  if (!check(params)) {
    errors.push(...schemaProblems(doc, check.errors, at, subject));
    return undefined;
  }
  for (const warning of coreParamsWarnings.get(spec)?.(params) ?? []) {
    warnings.push(doc.error('SWB_RULE_BAD_PARAMS', warning.message, [...at, ...warning.path], { key: true }));
  }
  try {
    const compiled = compileParams(params, spec.params, allowHosts ? { allowHosts } : {});
    return {
      params: compiled,
      validate: compiled.isStatic ? undefined : check,
      answers: spec.answers === true,
    };
  } catch (error) {
    if (!SwitchboardError.is(error)) throw error;
    // Template errors name the offset in the text: point at that character, not at the whole string.
    const offset = /at offset (\d+)/.exec(error.message)?.[1];
    const where = [...at, ...(error.path ?? [])];
    errors.push(
      offset === undefined
        ? doc.error(error.code, error.message, where)
        : doc.errorInText(error.code, error.message, where, Number(offset)),
    );
    return undefined;
  }
}

/** A rule's or action's `allowHosts` (schema-valid when present); 'invalid' after reporting its entries. */
function allowHostsAt(
  doc: SourceDocument,
  entries: unknown,
  at: JsonPath,
  errors: SwitchboardError[],
): HostAllowList | 'invalid' | undefined {
  if (!Array.isArray(entries)) return undefined;
  const parsed = HostAllowList.parse(entries as string[]);
  if (parsed.list) return parsed.list;
  for (const problem of parsed.problems) {
    errors.push(doc.error('SWB_RULE_BAD_ALLOW_HOSTS', problem.message, [...at, problem.index]));
  }
  return 'invalid';
}

function unusedAllowHosts(doc: SourceDocument, at: JsonPath, whose: string): SwitchboardError {
  return doc.error(
    'SWB_RULE_BAD_ALLOW_HOSTS',
    `\`allowHosts\` has no effect: no URL of ${whose} takes its host from a \`{{ }}\` value`,
    at,
    { key: true },
  );
}

const validators = new WeakMap<Ajv, WeakMap<object, ValidateFunction>>();

/** One compiled validator per params schema; applies `default`s (which may be templates). */
function paramValidator(ajv: Ajv, schema: object): ValidateFunction {
  let bySchema = validators.get(ajv);
  if (!bySchema) {
    bySchema = new WeakMap();
    validators.set(ajv, bySchema);
  }
  let validate = bySchema.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    bySchema.set(schema, validate);
  }
  return validate;
}
