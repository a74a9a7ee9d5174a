import { describeError } from '@switchboard/core';
import { Daemon } from '../daemon/Daemon.js';
import { prepare } from '../daemon/prepare.js';
import { ExitCode, type Output, printProblems } from './output.js';

/** `rules-runner start`: runs until SIGINT/SIGTERM; a second signal exits at once. */
export async function startCommand(options: { config: string }, output: Output): Promise<number> {
  const prepared = await prepare(options.config);
  if (prepared.errors.length > 0 || !prepared.rules?.ruleSet) {
    printProblems(output, prepared.errors, prepared.warnings);
    output.err('not started: fix the problems above');
    return ExitCode.invalid;
  }
  printProblems(output, [], prepared.warnings);
  const daemon = new Daemon(prepared);
  process.on('unhandledRejection', (reason) => {
    daemon.logger.error({ err: describeError(reason) }, 'unhandled rejection (daemon keeps running)');
  });
  process.on('uncaughtException', (error) => {
    daemon.logger.error(
      { err: describeError(error), stack: error.stack },
      'uncaught exception (daemon keeps running)',
    );
  });
  try {
    await daemon.start();
  } catch (error) {
    output.err(describeError(error));
    await daemon.stop();
    return ExitCode.invalid;
  }
  return new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals += 1;
      if (signals > 1) {
        daemon.logger.warn(`${signal} again: exiting now`);
        resolve(130);
        return;
      }
      daemon.logger.info(`${signal} received`);
      void daemon.stop().then(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
