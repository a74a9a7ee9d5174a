import { describeError } from '@switchboard/core';
import { Daemon } from '../daemon/Daemon.js';
import { prepare } from '../daemon/prepare.js';
import { redactorFor } from '../logging/redactorFor.js';
import { type CommandOutput, ExitCode, printProblems } from './output.js';

/** `rules-runner start`: runs until SIGINT/SIGTERM; a second signal exits at once. */
export async function startCommand(options: { config: string }, output: CommandOutput): Promise<number> {
  const prepared = await prepare(options.config);
  redactorFor(prepared, output.redactor);
  if (prepared.errors.length > 0 || !prepared.rules?.ruleSet) {
    printProblems(output, prepared.errors, prepared.warnings);
    output.err('not started: fix the problems above');
    return ExitCode.invalid;
  }
  printProblems(output, [], prepared.warnings);
  const daemon = new Daemon(prepared, { redactor: output.redactor });
  process.on('unhandledRejection', (reason) => {
    daemon.logger.error({ err: describeError(reason) }, 'unhandled rejection (daemon keeps running)');
  });
  process.on('uncaughtException', (error) => {
    daemon.logger.error(
      { err: describeError(error), stack: error.stack },
      'uncaught exception (daemon keeps running)',
    );
  });
  // Signal handlers go in before anything starts: a SIGTERM during start-up still stops cleanly.
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  let signals = 0;
  let started = false;
  let stopRequested = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      daemon.logger.warn(`${signal} again: exiting now`);
      resolveExit(130);
      return;
    }
    daemon.logger.info(`${signal} received`);
    stopRequested = true;
    if (started) void daemon.stop().then(resolveExit);
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
  try {
    await daemon.start();
  } catch (error) {
    output.err(describeError(error));
    await daemon.stop();
    return ExitCode.invalid;
  }
  started = true;
  // A daemon runs until it is told to stop, even when no adapter holds a socket or timer open.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  if (stopRequested) void daemon.stop().then(resolveExit);
  return exited.finally(() => clearInterval(keepAlive));
}
