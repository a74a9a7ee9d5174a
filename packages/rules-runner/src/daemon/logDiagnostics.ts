import type { Diagnostic, DiagnosticKind, Diagnostics } from '@switchboard/core/host';
import type { Logger } from 'pino';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { maskSensitive } from '../logging/sensitiveKeys.js';

/** Params for a log line: sensitive keys masked and secrets redacted *before* it is cut to length. */
const summary = (params: Readonly<Record<string, unknown>>, redactor: SecretRedactor): string => {
  const text = redactor.redact(maskSensitive(params));
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
};

/** Turns the runtime's diagnostics into log lines: events, matched rules, action outcomes, rejections. */
export function logDiagnostics(
  diagnostics: Diagnostics,
  logger: Logger,
  redactor: SecretRedactor,
): () => void {
  const log = logger.child({ component: 'engine' });
  const info = log.isLevelEnabled('info');
  // Only what this log level shows is asked for, so a quiet daemon does not build per-event diagnostics.
  const kinds: DiagnosticKind[] = ['action', 'adapter-state', 'rules-loaded'];
  if (info) kinds.push('event', 'matched');
  if (log.isLevelEnabled('debug')) kinds.push('duplicate');
  return diagnostics.subscribe((d: Diagnostic) => {
    switch (d.kind) {
      case 'event': {
        const e = d.event;
        log.info(
          {
            eventId: e.id,
            type: e.type,
            source: e.source,
            callId: e.call?.id,
            queue: e.call?.queue,
            agent: e.agent?.id ?? e.call?.agent,
          },
          `event ${e.type}${e.vendorEvent ? ` (${e.vendorEvent})` : ''} from ${e.source}`,
        );
        break;
      }
      case 'matched':
        log.info({ eventId: d.event.id, rules: d.rules }, `matched ${d.rules.join(', ')}`);
        break;
      case 'action': {
        const o = d.outcome;
        if (o.status === 'ok' && !info) break;
        const line = {
          eventId: o.eventId,
          rule: o.rule,
          action: o.action,
          instance: o.instance,
          ms: Math.round(o.durationMs * 10) / 10,
        };
        if (o.status === 'ok') {
          if (info) log.info(line, `action ${o.action} via ${o.instance} ok ${summary(o.params, redactor)}`);
        } else
          log.warn(
            { ...line, error: o.error, code: o.errorCode },
            `action ${o.action} via ${o.instance} FAILED: ${o.error}`,
          );
        break;
      }
      case 'duplicate':
        log.debug({ eventId: d.event.id, source: d.event.source }, 'duplicate event ignored');
        break;
      case 'rejected':
        break; // the dispatcher logs rejections itself
      case 'rule-error':
        break; // logged by the dispatcher
      case 'adapter-state':
        log.info(
          { instance: d.instance, state: d.status.state, detail: d.status.detail },
          `adapter ${d.instance} ${d.status.state}`,
        );
        break;
      case 'rules-loaded':
        log.info({ rules: d.count, files: d.files }, `${d.count} rule(s) loaded`);
        break;
    }
  }, kinds);
}
