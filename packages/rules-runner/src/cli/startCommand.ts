import { describeError, SwitchboardError } from '@switchboard/core';
import { Daemon } from '../daemon/Daemon.js';
import { type Prepared, prepare } from '../daemon/prepare.js';
import { redactorFor } from '../logging/redactorFor.js';
import { guardStdio } from './guardStdio.js';
import { type CommandOutput, ExitCode, printProblems } from './output.js';
import { environmentFor, type StartOverrides, withOverrides } from './startOverrides.js';

/** Exit code after a second SIGINT/SIGTERM: the stop was cut short. */
const exitNow = 130;

/**
 * `rules-runner start`: runs until SIGINT/SIGTERM. A signal during start-up stops it too, at once; a
 * second signal exits without waiting, and a stop that outlives its deadline ends the process anyway.
 */
export async function startCommand(
  options: { config: string; overrides?: StartOverrides },
  output: CommandOutput,
): Promise<number> {
  const overrides = options.overrides ?? {};
  const prepared = withOverrides(
    await prepare(options.config, environmentFor(overrides, process.env)),
    overrides,
  );
  redactorFor(prepared, output.redactor);
  if (prepared.errors.length > 0 || !prepared.rules?.ruleSet) {
    printProblems(output, prepared.errors, prepared.warnings);
    output.err('not started: fix the problems above');
    return ExitCode.invalid;
  }
  printProblems(output, [], prepared.warnings);
  const logStream = guardStdio();
  let daemon: Daemon;
  try {
    daemon = new Daemon(prepared, { logStream, redactor: output.redactor });
  } catch (error) {
    printProblems(output, [located(error, prepared)]);
    output.err('not started: fix the problems above');
    return ExitCode.invalid;
  }
  reportUncaught(daemon);

  // Signal handlers go in before anything starts: a SIGTERM during start-up stops it at once.
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const deadline = daemon.stopDeadlineMs;
    setTimeout(() => {
      daemon.logger.error({ deadlineMs: deadline }, `stop did not finish within ${deadline} ms: exiting now`);
      resolveExit(ExitCode.invalid);
    }, deadline).unref();
    void daemon.stop().then(resolveExit);
  };
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      daemon.logger.warn(`${signal} again: exiting now`);
      resolveExit(exitNow);
      return;
    }
    daemon.logger.info(`${signal} received`);
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // SIGHUP reloads the rules (systemctl reload, kill -HUP). In a terminal it means the terminal closed:
  // then the daemon stops, as a foreground program should (rule files are watched there anyway).
  process.on('SIGHUP', () => {
    if (process.stdout.isTTY) {
      onSignal('SIGHUP');
      return;
    }
    daemon.logger.info('SIGHUP received: reloading rules');
    void daemon.reload();
  });
  // A daemon runs until it is told to stop, even when no adapter holds a socket or timer open.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  // The daemon logged why it could not start, and stopped what it had started.
  daemon.start().then(
    () => {
      if (!stopping && daemon.admin?.address) output.err(consoleLine(daemon.admin.address, prepared));
    },
    () => {
      if (!stopping) resolveExit(ExitCode.invalid);
    },
  );
  return exited.finally(() => clearInterval(keepAlive));
}

/** Where the console is, once the daemon is ready (on stderr: stdout carries the log lines). */
function consoleLine(address: string, prepared: Prepared): string {
  const signIn = prepared.config?.admin.token
    ? ' (sign in once with /console/login?token=<admin.token>)'
    : '';
  return `rules-runner: console on ${address}/console/${signIn}`;
}

/**
 * Logs uncaught errors; the daemon keeps running. An error raised while one is being logged is not
 * logged again: a failing log write must never feed on itself.
 */
function reportUncaught(daemon: Daemon): void {
  let reporting = false;
  const report = (what: string, error: unknown): void => {
    if (reporting) return;
    reporting = true;
    try {
      daemon.logger.error(
        { err: describeError(error), ...(error instanceof Error ? { stack: error.stack } : {}) },
        `${what} (daemon keeps running)`,
      );
    } catch {
      // Nowhere left to report it.
    } finally {
      reporting = false;
    }
  };
  process.on('unhandledRejection', (reason) => report('unhandled rejection', reason));
  process.on('uncaughtException', (error) => report('uncaught exception', error));
}

/** An error about one adapter instance, placed at that instance in the config. */
function located(error: unknown, prepared: Prepared): SwitchboardError {
  const document = prepared.loaded.document;
  if (!SwitchboardError.is(error)) return new SwitchboardError('SWB_PLUGIN_LOAD', describeError(error));
  if (!document || error.position || !error.path) return error;
  return document.error(error.code, error.message, error.path, { key: true, cause: error.cause });
}
