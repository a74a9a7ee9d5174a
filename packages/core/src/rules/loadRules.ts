import { readFile } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import { SwitchboardError } from '../errors/index.js';
import { createAjv } from '../schemas/createAjv.js';
import { interpolateEnv } from '../yaml/interpolateEnv.js';
import { SourceDocument } from '../yaml/SourceDocument.js';
import { schemaProblems } from '../yaml/schemaProblems.js';
import type { CompiledRule } from './CompiledRule.js';
import { compileRule, type RawRule } from './compileRule.js';
import type { RuleCatalog } from './RuleCatalog.js';
import { RuleSet } from './RuleSet.js';
import { structuralSchemas } from './structuralSchemas.js';

export interface RuleSource {
  /** Shown in messages (a path relative to the config, usually). */
  readonly file: string;
  readonly text: string;
}

export interface LoadRulesOptions {
  readonly catalog: RuleCatalog;
  readonly env?: NodeJS.ProcessEnv;
  readonly defaultActionTimeoutMs?: number;
}

export interface LoadedRules {
  /** Present only when there are no errors. */
  readonly ruleSet?: RuleSet;
  readonly errors: SwitchboardError[];
  readonly warnings: SwitchboardError[];
  /** Environment values read by `${VAR}`, to redact from logs. */
  readonly secrets: string[];
}

let structural: { file: ValidateFunction; rule: ValidateFunction } | undefined;

function structuralValidators(): { file: ValidateFunction; rule: ValidateFunction } {
  if (!structural) {
    const schemas = structuralSchemas();
    const ajv = createAjv({ useDefaults: true, verbose: true });
    structural = { file: ajv.compile(schemas.file), rule: ajv.compile(schemas.rule) };
  }
  return structural;
}

/** How problems of a rule name it: by its name when it has one. */
const ruleSubject = (raw: unknown, index: number): string => {
  const name = (raw as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? `rule \`${name}\`` : `rule ${index + 1}`;
};

/**
 * Parses, checks and compiles rule files. Every problem in every file is collected (not only the
 * first), each with `file:line:col`; a rule set is returned only when there is none.
 */
export function compileRuleSources(sources: readonly RuleSource[], options: LoadRulesOptions): LoadedRules {
  const errors: SwitchboardError[] = [];
  const warnings: SwitchboardError[] = [];
  const secrets: string[] = [];
  const rules: CompiledRule[] = [];
  const names = new Map<string, string>();
  const validate = structuralValidators();
  const paramsAjv = createAjv({ useDefaults: true, verbose: true });

  for (const source of sources) {
    const parsed = SourceDocument.parse(source.file, source.text);
    errors.push(...parsed.errors);
    const doc = parsed.document;
    if (!doc) continue;
    const interpolated = source.text.includes('${')
      ? interpolateEnv(doc, options.env ?? process.env)
      : { value: doc.value, errors: [], secrets: [] };
    errors.push(...interpolated.errors);
    secrets.push(...interpolated.secrets);
    const value = interpolated.value;
    if (!validate.file(value)) {
      errors.push(...schemaProblems(doc, validate.file.errors, [], 'the rule file'));
      continue;
    }
    const list = (value as { rules: RawRule[] }).rules;
    list.forEach((raw, i) => {
      const path = ['rules', i];
      // Each rule on its own: one broken rule does not hide the problems of the others.
      if (!validate.rule(raw)) {
        errors.push(...schemaProblems(doc, validate.rule.errors, path, ruleSubject(raw, i)));
        return;
      }
      const seenIn = names.get(raw.name);
      if (seenIn !== undefined) {
        errors.push(
          doc.error(
            'SWB_RULE_DUPLICATE_NAME',
            `a rule named \`${raw.name}\` is already defined in ${seenIn}`,
            [...path, 'name'],
          ),
        );
      }
      const compiled = compileRule({
        doc,
        raw,
        path,
        order: rules.length,
        catalog: options.catalog,
        ajv: paramsAjv,
        defaultActionTimeoutMs: options.defaultActionTimeoutMs ?? 10_000,
      });
      errors.push(...compiled.errors);
      warnings.push(...compiled.warnings);
      if (compiled.rule) {
        const where = compiled.rule.position;
        names.set(raw.name, `${where.file}:${where.line}:${where.col}`);
        if (raw.enabled !== false) rules.push(compiled.rule);
      }
    });
  }
  if (errors.length > 0) return { errors, warnings, secrets };
  return {
    ruleSet: new RuleSet(
      rules,
      sources.map((s) => s.file),
    ),
    errors,
    warnings,
    secrets,
  };
}

/** Reads rule files from disk and compiles them; a missing file is an error like any other. */
export async function loadRuleFiles(
  files: readonly { path: string; display?: string }[],
  options: LoadRulesOptions,
): Promise<LoadedRules> {
  const sources: RuleSource[] = [];
  const errors: SwitchboardError[] = [];
  for (const f of files) {
    const display = f.display ?? f.path;
    try {
      sources.push({ file: display, text: await readFile(f.path, 'utf8') });
    } catch (error) {
      errors.push(
        new SwitchboardError('SWB_CONFIG_NOT_FOUND', `cannot read rule file: ${(error as Error).message}`, {
          position: { file: display, line: 1, col: 1 },
        }),
      );
    }
  }
  const loaded = compileRuleSources(sources, options);
  if (errors.length === 0) return loaded;
  return { errors: [...errors, ...loaded.errors], warnings: loaded.warnings, secrets: loaded.secrets };
}
