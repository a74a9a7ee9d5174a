import { describeError } from '@switchboard/core';
import { Command, CommanderError, Option } from 'commander';
import { SecretRedactor } from '../logging/SecretRedactor.js';
import { ExitCode, redactedOutput, stdio } from './output.js';

// Commands are imported when used: `validate` never loads the daemon's HTTP servers or the console.
const commands = {
  start: () => import('./startCommand.js'),
  validate: () => import('./validateCommand.js'),
  test: () => import('./testCommand.js'),
  replay: () => import('./replayCommand.js'),
  schema: () => import('./schemaCommand.js'),
};

const configOption = () =>
  new Option('-c, --config <file>', 'daemon config file')
    .default('switchboard.yaml')
    .env('SWITCHBOARD_CONFIG');

/** The `rules-runner` command line. Exit codes: 0 ok, 1 invalid config/rules or failed tests, 2 usage. */
export async function main(argv: readonly string[]): Promise<number> {
  const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;
  let code: number = ExitCode.ok;
  // One redactor for everything this process prints; each command teaches it its config's secrets.
  const output = redactedOutput(stdio, new SecretRedactor());
  const program = new Command('rules-runner')
    .description('Switchboard: run YAML rules over contact-center events.')
    .version('1.0.0')
    .exitOverride()
    .showHelpAfterError('(run rules-runner --help for usage)')
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  program
    .command('start')
    .description('run the daemon: connect the adapters, run the rules (stop with Ctrl-C)')
    .addOption(configOption())
    .action(async (o: { config: string }) => {
      code = await (await commands.start()).startCommand(o, output);
    });
  program
    .command('validate')
    .description('check the config, adapters and rules; print every problem as file:line:col')
    .addOption(configOption())
    .argument('[rules...]', 'rule files to check instead of the config’s `rules`')
    .action(async (files: string[], o: { config: string }) => {
      code = await (await commands.validate()).validateCommand({ config: o.config, files }, output);
    });
  program
    .command('test')
    .description('run rule test files (adapters replaced by recorders)')
    .addOption(configOption())
    .argument('[files...]', 'test files; default: the config’s `tests`')
    .action(async (files: string[], o: { config: string }) => {
      code = await (await commands.test()).testCommand({ config: o.config, files, color: useColor }, output);
    });
  program
    .command('replay')
    .description('feed an NDJSON file of normalized or vendor events through the rules')
    .addOption(configOption())
    .argument('<file>', 'NDJSON: one event per line')
    .option('--dry-run', 'only print what each event would fire', false)
    .option(
      '--explain',
      'for each event, show every rule listening to it and the values of its condition',
      false,
    )
    .option(
      '--connect-timeout <ms>',
      'wait this long for adapters to connect',
      (v) => Number.parseInt(v, 10),
      10_000,
    )
    .action(
      async (
        file: string,
        o: { config: string; dryRun: boolean; explain: boolean; connectTimeout: number },
      ) => {
        code = await (await commands.replay()).replayCommand(
          {
            config: o.config,
            file,
            dryRun: o.dryRun,
            explain: o.explain,
            color: useColor,
            connectTimeoutMs: o.connectTimeout,
          },
          output,
        );
      },
    );
  program
    .command('schema')
    .description('write a JSON Schema for rule files that knows the configured adapters’ actions')
    .addOption(configOption())
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (o: { config: string; out?: string }) => {
      code = await (await commands.schema()).schemaCommand(o, output);
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return ExitCode.ok;
      }
      return ExitCode.usage;
    }
    output.err(`rules-runner: ${describeError(error)}`);
    return ExitCode.invalid;
  }
}
