import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { SecretRedactor } from './SecretRedactor.js';
import { sensitivePaths } from './sensitiveKeys.js';

export interface LoggerOptions {
  readonly level: string;
  readonly format: 'auto' | 'json' | 'pretty';
  readonly redactor: SecretRedactor;
  /** Where lines go; stdout by default. */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** pino logger: JSON lines, pretty on a TTY; every line passes the secret redactor before it is written. */
export function createLogger(options: LoggerOptions): Logger {
  const out = options.stream ?? process.stdout;
  const usePretty = options.format === 'pretty' || (options.format === 'auto' && out.isTTY === true);
  const target: DestinationStream = usePretty
    ? pretty({
        destination: out as unknown as number,
        sync: true,
        colorize: out.isTTY === true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,component',
        singleLine: true,
      })
    : { write: (line: string) => out.write(line) };
  const redacting: DestinationStream = {
    write: (line: string) => target.write(options.redactor.redact(line)),
  };
  return pino(
    { level: options.level, redact: { paths: sensitivePaths, censor: '[REDACTED]' }, base: undefined },
    redacting,
  );
}
