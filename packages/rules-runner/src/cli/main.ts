import { describeError, SwitchboardError } from '@switchboard/core';
import { Command, CommanderError, Option } from 'commander';
import { adminPortVariable } from '../config/adminPortOverride.js';
import { SecretRedactor } from '../logging/SecretRedactor.js';
import { ExitCode, redactedOutput, stdio } from './output.js';
import { logLevels, type StartFlags, startOverrides, watchVariable } from './startOverrides.js';

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

const logLevelOption = () =>
  new Option('--log-level <level>', 'log level (instead of the config’s `log.level`)')
    .choices(logLevels)
    .env('SWITCHBOARD_LOG_LEVEL');

const logFormatOption = () =>
  new Option('--log-format <format>', 'log lines as JSON or for people (instead of `log.format`)')
    .choices(['json', 'pretty', 'auto'])
    .env('SWITCHBOARD_LOG_FORMAT');

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
    .addOption(logLevelOption())
    .addOption(logFormatOption())
    .option(
      '--admin-port <port>',
      `admin surface and console port, like ${adminPortVariable} (instead of \`admin.port\`; 0: any free port)`,
    )
    .option('--no-watch', `do not reload rules when their files change (or ${watchVariable}=false)`)
    .action(async (o: StartFlags) => {
      const overrides = startOverrides(o, process.env);
      if (overrides.error) throw overrides.error;
      code = await (await commands.start()).startCommand(
        { config: o.config, overrides: overrides.value },
        output,
      );
    });
  program
    .command('validate')
    .description('check the config, adapters and rules; print every problem as file:line:col')
    .addOption(configOption())
    .option('--strict', 'warnings (a field no event carries, an unlisted vendor event) are errors too', false)
    .argument('[rules...]', 'rule files to check instead of the config’s `rules`')
    .action(async (files: string[], o: { config: string; strict: boolean }) => {
      code = await (await commands.validate()).validateCommand(
        { config: o.config, files, strict: o.strict },
        output,
      );
    });
  program
    .command('test')
    .description('run rule test files (adapters replaced by recorders)')
    .addOption(configOption())
    .option(
      '--explain',
      'for each given event, show every rule listening to it and why it did (not) fire',
      false,
    )
    .argument('[files...]', 'test files; default: the config’s `tests`')
    .action(async (files: string[], o: { config: string; explain: boolean }) => {
      code = await (await commands.test()).testCommand(
        { config: o.config, files, color: useColor, explain: o.explain },
        output,
      );
    });
  program
    .command('replay')
    .description('feed an NDJSON file of normalized or vendor events through the rules')
    .addOption(configOption())
    .argument('<file>', 'NDJSON: one event per line')
    .addOption(logLevelOption())
    .addOption(logFormatOption())
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
        o: {
          config: string;
          dryRun: boolean;
          explain: boolean;
          connectTimeout: number;
          logLevel?: string;
          logFormat?: string;
        },
      ) => {
        code = await (await commands.replay()).replayCommand(
          {
            config: o.config,
            overrides: startOverrides({ ...o, watch: false }, {}).value,
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
      // `commander.help` is help shown for a missing command (a bare `rules-runner`): a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
      return ExitCode.usage;
    }
    output.err(`rules-runner: ${describeError(error)}`);
    return SwitchboardError.is(error) && error.code === 'SWB_USAGE' ? ExitCode.usage : ExitCode.invalid;
  }
}
