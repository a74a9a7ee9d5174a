import type { DispatchReport } from '@switchboard/core';

/** What a sync request answers per event: which rules fired and what their actions did (no params). */
export function outcomeSummary(id: string, report: DispatchReport): Record<string, unknown> {
  return {
    id,
    status: report.status,
    matched: report.matched,
    actions: report.outcomes.map((o) => ({
      rule: o.rule,
      action: o.action,
      instance: o.instance,
      status: o.status,
      ...(o.result !== undefined ? { result: o.result } : {}),
      ...(o.error !== undefined ? { error: o.error } : {}),
    })),
    ...(report.error !== undefined ? { error: report.error } : {}),
  };
}
